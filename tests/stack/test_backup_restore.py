"""Backup and restore on the production-like stack (tools/backup.sh, docs/operations.md).

The stack's database and bucket are backed up while the site runs; the restore goes into a
wiped (new, empty) database and bucket, as after losing the servers; then an order, a published
page and an uploaded image (its row and its bytes in the bucket) are all back.
"""

import datetime
import hashlib
import io
import json
import os
import subprocess
import uuid
from pathlib import Path

import boto3
import psycopg
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from PIL import Image

from tests.stack.conftest import REPO, Browser, admin_login, text_of

pytestmark = pytest.mark.stack


def backup_sh(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(REPO / "tools" / "backup.sh"), *args],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=900,
    )


def s3(env: dict):
    return boto3.client(
        "s3",
        endpoint_url=env["THECEN_S3_ENDPOINT_URL"],
        region_name=env["THECEN_S3_REGION"],
        aws_access_key_id=env["THECEN_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=env["THECEN_S3_SECRET_ACCESS_KEY"],
        config=Config(
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        ),
    )


@pytest.fixture
def empty_target(stack):
    """A new database and a new bucket on the stack's servers, dropped afterwards."""
    suffix = uuid.uuid4().hex[:8]
    name, bucket = f"thecen_restore_{suffix}", f"thecen-restore-{suffix}"
    with stack.db() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {
        "DATABASE_URL": stack.env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}",
        "THECEN_S3_BUCKET": bucket,
    }
    yield env
    client = s3(stack.env)
    try:
        for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
            client.delete_object(Bucket=bucket, Key=item["Key"])
        client.delete_bucket(Bucket=bucket)
    except ClientError:
        pass  # never created: the restore did not get that far
    with stack.db() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_wipe_restore_brings_back_an_order_a_page_and_an_image(
    stack, empty_target, tmp_path
):
    # given an image an editor uploads on one app server, and the demo's orders and pages
    editor = Browser()
    admin_login(editor, stack.apps[0])
    title = f"백업 사진 {uuid.uuid4().hex[:6]}"
    picture = io.BytesIO()
    Image.new("RGB", (320, 200), (40, 160, 90)).save(picture, format="PNG")
    (collection,) = stack.query("SELECT id FROM wagtailcore_collection WHERE depth = 1")[0]
    status, page = editor.post(
        f"{stack.apps[0]}/cms/images/add/",
        {"title": title, "collection": collection, "tags": ""},
        files={"file": ("backup.png", picture.getvalue(), "image/png")},
    )
    assert status == 200, text_of(page)[:500]
    ((image_file,),) = stack.query("SELECT file FROM wagtailimages_image WHERE title = %s", [title])
    order = stack.query("SELECT number, total_incl_tax FROM order_order ORDER BY id LIMIT 1")[0]
    story = stack.query(
        "SELECT title, url_path FROM wagtailcore_page"
        " WHERE live AND url_path LIKE '/home/이야기/_%%' LIMIT 1"
    )[0]
    client = s3(stack.env)
    original = client.get_object(Bucket=stack.env["THECEN_S3_BUCKET"], Key=f"media/{image_file}")[
        "Body"
    ].read()

    # when the operator backs up (stack env), then restores into an empty database and bucket
    taken = backup_sh("backup", "--to", str(tmp_path), env=stack.env)
    assert taken.returncode == 0, taken.stderr
    (folder,) = Path(tmp_path).iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    taken_at = datetime.datetime.fromisoformat(manifest["taken_at"])
    assert taken_at.utcoffset() == datetime.timedelta(hours=9)  # Asia/Seoul, also in the name
    assert folder.name == f"thecen-backup-{taken_at:%Y%m%dT%H%M%S%z}"
    assert (folder / "database.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert f"media/{image_file}" in manifest["objects"]

    restored = backup_sh("restore", str(folder), env={**stack.env, **empty_target})
    assert restored.returncode == 0, restored.stderr

    # then the order, the page and the image are back, the image's bytes identical
    with psycopg.connect(empty_target["DATABASE_URL"]) as conn:
        assert conn.execute(
            "SELECT number, total_incl_tax FROM order_order WHERE number = %s", [order[0]]
        ).fetchone() == tuple(order)
        assert conn.execute(
            "SELECT title FROM wagtailcore_page WHERE url_path = %s AND live", [story[1]]
        ).fetchone() == (story[0],)
        assert conn.execute(
            "SELECT title FROM wagtailimages_image WHERE file = %s", [image_file]
        ).fetchone() == (title,)
    back = client.get_object(Bucket=empty_target["THECEN_S3_BUCKET"], Key=f"media/{image_file}")[
        "Body"
    ].read()
    assert hashlib.sha256(back).digest() == hashlib.sha256(original).digest()
    listed = client.list_objects_v2(Bucket=empty_target["THECEN_S3_BUCKET"])["Contents"]
    files = [item["Key"] for item in listed if not item["Key"].endswith("/")]  # not folders
    assert len(files) == len(manifest["objects"])

    # and a second restore over what is now there is refused, changing nothing
    again = backup_sh("restore", str(folder), env={**stack.env, **empty_target})
    assert again.returncode == 1
    assert "not empty" in again.stderr
