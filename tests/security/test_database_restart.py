"""PostgreSQL restarts under a running production server (gunicorn, production settings):
while it is down every page answers a Korean 503 with Retry-After; once it is back, the very
next request succeeds, because connections are health-checked (CONN_HEALTH_CHECKS) instead of
reused dead."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections

REPO = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str):
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def postgres(action: str) -> None:
    subprocess.run(["bash", "tools/postgres.sh", action], cwd=REPO, check=True, timeout=120)


@pytest.fixture
def production_server(django_db_setup, django_db_blocker):
    db = connection.settings_dict
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="thecen.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        DATABASE_CONN_MAX_AGE="600",  # one long-lived connection, as in production
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "thecen.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            fetch(base + "/sitemap.xml")
            break
        except OSError:
            time.sleep(0.5)
    try:
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        finally:
            with django_db_blocker.unblock():
                # The test process's own connections died with the restart: the next test
                # (and the session's teardown) must open fresh ones.
                connections.close_all()


@pytest.mark.postgres
def test_database_restart_answers_503_then_recovers_at_the_next_request(production_server):
    page = production_server + "/sitemap.xml"  # reads the database, needs no static files
    status, _, _ = fetch(page)
    assert status == 200  # the worker now holds an open connection

    postgres("stop")
    try:
        status, headers, body = fetch(page)
        assert status == 503
        assert headers.get("Retry-After", "").isdigit()
        assert "데이터베이스" in body  # the Korean page, not a server error
    finally:
        postgres("start")
        connections.close_all()  # this process's connections were terminated by the stop

    answers = [fetch(page)[0] for _ in range(5)]
    print(f"\nafter the restart: {answers}")
    assert answers == [200] * 5
