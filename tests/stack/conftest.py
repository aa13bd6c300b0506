"""The production-like stack (tools/stack/stack.sh), started once per test session.

If it is already up (`make stack`), the tests use it and leave it running; otherwise they
start it and stop what they started at the end. The tests reach it the way people do: over
HTTP on each app server and the proxy, plus the stack's own database, bucket and cluster to
check what landed where.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

REPO = Path(__file__).resolve().parents[2]
STACK = REPO / "tools" / "stack" / "stack.sh"


def _run(*args: str, timeout: int = 1500) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(STACK), *args], cwd=REPO, capture_output=True, text=True, timeout=timeout
    )


@dataclass
class Stack:
    env: dict[str, str]
    proxy: str
    apps: list[str]

    def db(self):
        return psycopg.connect(self.env["DATABASE_URL"], autocommit=True)

    def query(self, sql: str, params=()):
        with self.db() as conn:
            return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="session")
def stack() -> Stack:
    started = _run("status").returncode != 0
    if started:
        up = _run("up")
        if up.returncode != 0:
            pytest.fail(f"the stack did not start:\n{up.stdout[-3000:]}\n{up.stderr[-3000:]}")
    env = dict(line.split("=", 1) for line in _run("env").stdout.splitlines() if "=" in line)
    proxy_port = os.environ.get("STACK_PROXY_PORT", "8470")
    apps = os.environ.get("STACK_APP_PORTS", "8471,8472").split(",")
    yield Stack(
        env=env,
        proxy=f"http://127.0.0.1:{proxy_port}",
        apps=[f"http://127.0.0.1:{port}" for port in apps],
    )
    if started:
        _run("down")


class Browser:
    """A reader's cookie jar and the forms' CSRF token, over plain HTTP (no JavaScript).

    Cookies do not depend on the port, so one jar is one person moving between servers.
    """

    def __init__(self, forwarded_for: str = ""):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        if forwarded_for:  # reaching an app server the way the proxy forwards this person
            self.opener.addheaders.append(("X-Forwarded-For", forwarded_for))

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.jar if c.name == name), "")

    def get(self, url: str) -> tuple[int, str, dict]:
        try:
            with self.opener.open(url, timeout=60) as response:
                return (
                    response.status,
                    response.read().decode(errors="replace"),
                    dict(response.headers),
                )
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), dict(error.headers)

    def post(self, url: str, data: dict, *, files: dict | None = None) -> tuple[int, str]:
        if not self.cookie("csrftoken"):
            self.get(urllib.parse.urljoin(url, "/-/csrf/"))
        data = {**data, "csrfmiddlewaretoken": self.cookie("csrftoken")}
        if files:
            body, content_type = _multipart(data, files)
        else:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            content_type = "application/x-www-form-urlencoded"
        request = urllib.request.Request(
            url, data=body, headers={"Content-Type": content_type, "Referer": url}
        )
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


def _multipart(data: dict, files: dict) -> tuple[bytes, str]:
    boundary = "----thecen-stack-test"
    parts = []
    for name, value in data.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, (filename, content, mime) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {mime}\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def admin_login(browser: Browser, base: str) -> None:
    browser.get(f"{base}/cms/login/")
    status, page = browser.post(
        f"{base}/cms/login/", {"username": "admin", "password": "admin", "next": "/cms/"}
    )
    assert status == 200 and "logout" in page.lower(), page[:500]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
