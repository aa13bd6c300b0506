"""Back up and restore the site's state: the PostgreSQL database and the media bucket.

    tools/backup.sh backup [--to FOLDER]      a new folder thecen-backup-<Seoul time>/ in FOLDER
    tools/backup.sh restore FOLDER            into an empty database and an empty bucket
    tools/backup.sh verify FOLDER             the files are whole (checksums of the manifest)

Both read the environment the app servers run with: DATABASE_URL and THECEN_S3_BUCKET,
THECEN_S3_ENDPOINT_URL, THECEN_S3_REGION, THECEN_S3_ACCESS_KEY_ID, THECEN_S3_SECRET_ACCESS_KEY
(any S3 API: NCP Object Storage, AWS S3, the stack's S3Proxy). For the production-like stack:
`set -a; . var/stack/env; set +a`. The runbook is docs/operations.md.

A backup folder holds:
- database.dump   `pg_dump --format=custom`: one transaction snapshot, so every row is from the
                  same instant whatever the site does meanwhile; restored by `pg_restore`.
- media/          every object of the bucket, under its key.
- manifest.json   when (Asia/Seoul), what, and the SHA-256 of each file.

The database is dumped first, the bucket copied after: uploads and renditions are written under
new names and never changed in place, so every file the dump refers to is in the copy (a file
uploaded during the backup may be there too, unreferenced, which is harmless).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import mimetypes
import os
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import boto3
import psycopg
from botocore.config import Config

SEOUL = ZoneInfo("Asia/Seoul")


class BackupError(Exception):
    pass


def pg_tool(name: str) -> str:
    """The newest server version's client (pg_dump must not be older than the server)."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if candidates:
        return str(candidates[-1])
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found (Debian: apt-get install postgresql-client)")
    return found


def bucket_client():
    env = os.environ
    try:
        bucket = env["THECEN_S3_BUCKET"]
    except KeyError:
        raise BackupError("THECEN_S3_BUCKET is not set (the app servers' environment)") from None
    client = boto3.client(
        "s3",
        endpoint_url=env.get("THECEN_S3_ENDPOINT_URL") or None,
        region_name=env.get("THECEN_S3_REGION") or None,
        aws_access_key_id=env.get("THECEN_S3_ACCESS_KEY_ID") or None,
        aws_secret_access_key=env.get("THECEN_S3_SECRET_ACCESS_KEY") or None,
        # Checksums only where the S3 API requires them: S3Proxy and some S3-compatible
        # services (NCP) refuse the newer optional checksum headers.
        config=Config(
            signature_version="s3v4",
            retries={"max_attempts": 5},
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        ),
    )
    return client, bucket


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise BackupError("DATABASE_URL must name the PostgreSQL database")
    return url


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def keys_of(client, bucket: str):
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            if not item["Key"].endswith("/"):  # folder markers (S3Proxy's filesystem backend)
                yield item["Key"]


def safe_path(root: Path, key: str) -> Path:
    path = (root / key).resolve()
    if root.resolve() not in path.parents:
        raise BackupError(f"object key leaves the folder: {key!r}")
    return path


def backup(*, to: Path, now: datetime.datetime | None = None) -> Path:
    now = (now or datetime.datetime.now(tz=SEOUL)).astimezone(SEOUL)
    folder = to / f"thecen-backup-{now:%Y%m%dT%H%M%S%z}"
    folder.mkdir(parents=True)
    url = database_url()
    dump = folder / "database.dump"
    subprocess.run(
        [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "-f", dump, url],
        check=True,
    )
    client, bucket = bucket_client()
    media = folder / "media"
    media.mkdir()
    objects = {}
    for key in keys_of(client, bucket):
        target = safe_path(media, key)
        target.parent.mkdir(parents=True, exist_ok=True)
        client.download_file(bucket, key, str(target))
        objects[key] = sha256(target)
    manifest = {
        "taken_at": now.isoformat(),  # Asia/Seoul
        "database": {"file": dump.name, "sha256": sha256(dump), "name": url.rsplit("/", 1)[-1]},
        "bucket": bucket,
        "objects": objects,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return folder


def verify(folder: Path) -> dict:
    manifest = json.loads((folder / "manifest.json").read_text())
    if sha256(folder / manifest["database"]["file"]) != manifest["database"]["sha256"]:
        raise BackupError("database.dump does not match its checksum")
    for key, digest in manifest["objects"].items():
        path = safe_path(folder / "media", key)
        if not path.is_file() or sha256(path) != digest:
            raise BackupError(f"media file missing or changed: {key}")
    return manifest


def restore(folder: Path) -> dict:
    manifest = verify(folder)
    url = database_url()
    with psycopg.connect(url) as conn:
        (tables,) = conn.execute(
            "SELECT count(*) FROM pg_tables"
            " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()
    if tables:
        raise BackupError(f"the database is not empty ({tables} tables): restore into a new one")
    client, bucket = bucket_client()
    try:
        client.head_bucket(Bucket=bucket)
    except client.exceptions.ClientError:
        client.create_bucket(Bucket=bucket)
    if next(keys_of(client, bucket), None) is not None:
        raise BackupError(f"the bucket {bucket} is not empty: restore into a new one")
    subprocess.run(
        [
            pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "-d",
            url,
            folder / manifest["database"]["file"],
        ],
        check=True,
    )
    for key in manifest["objects"]:
        content_type = mimetypes.guess_type(key)[0] or "application/octet-stream"
        client.upload_file(
            str(safe_path(folder / "media", key)),
            bucket,
            key,
            ExtraArgs={"ContentType": content_type},
        )
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("backup")
    take.add_argument("--to", type=Path, default=Path("var/backups"))
    for name in ("restore", "verify"):
        commands.add_parser(name).add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "backup":
            folder = backup(to=args.to)
            count = len(json.loads((folder / "manifest.json").read_text())["objects"])
            print(f"backup: {folder} (database + {count} media files)")
        elif args.command == "verify":
            manifest = verify(args.folder)
            print(f"backup: {args.folder} is whole ({len(manifest['objects'])} media files)")
        else:
            manifest = restore(args.folder)
            print(
                f"restore: database and {len(manifest['objects'])} media files from {args.folder}"
            )
    except (BackupError, subprocess.CalledProcessError) as error:
        print(f"backup: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
