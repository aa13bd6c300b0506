"""`make stack-down` stops everything the stack started, even with every pid file lost.

The pid files of the app servers, the proxy, the worker, S3Proxy and the three search nodes are
deleted (as a crash, a `rm -rf var/stack/pids` or a reboot of the tooling would leave things);
then `stack.sh down` must still leave none of the stack's ports answering and no task worker of
this checkout running. The stack is started again afterwards for the tests that follow.
"""

import os
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.stack.conftest import REPO, _run

pytestmark = pytest.mark.stack


def answers(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def stack_ports(stack) -> list[int]:
    search = [urlsplit(url).port for url in stack.env["THECEN_SEARCH_URL"].split(",")]
    return [
        urlsplit(stack.proxy).port,
        *(urlsplit(app).port for app in stack.apps),
        urlsplit(stack.env["THECEN_S3_ENDPOINT_URL"]).port,
        *search,
        *(port + 200 for port in search),  # the nodes' transport ports
    ]


def workers_of_this_checkout() -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            cwd = os.readlink(proc / "cwd")
        except OSError:
            continue
        if "manage.py db_worker" in command and cwd == str(REPO):
            found.append(int(proc.name))
    return found


def test_down_stops_every_process_even_without_its_pid_file(stack):
    ports = stack_ports(stack)
    assert all(answers(port) for port in ports), "the stack is not fully up"
    assert workers_of_this_checkout()

    for pid_file in [*REPO.glob("var/stack/**/*.pid"), *REPO.glob("var/s3proxy-*/s3proxy.pid")]:
        pid_file.unlink()
    for pid_file in REPO.glob("var/searchcluster-*/member-*/node.pid"):
        pid_file.unlink()

    down = _run("down", timeout=300)
    assert down.returncode == 0, down.stderr
    try:
        assert [port for port in ports if answers(port)] == []
        assert workers_of_this_checkout() == []
    finally:
        up = _run("up")
        assert up.returncode == 0, up.stderr[-2000:]
    assert all(answers(port) for port in ports)
    assert subprocess.run(["bash", "tools/stack/stack.sh", "status"], cwd=REPO).returncode == 0
