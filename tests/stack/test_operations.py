"""What a load balancer and an operator see of each app server."""

import json
import os
import signal
import time
from pathlib import Path

import pytest

from tests.stack.conftest import Browser

pytestmark = pytest.mark.stack


def test_each_app_server_reports_its_services_healthy_at_the_ops_path(stack):
    for base in stack.apps:
        for _attempt in range(3):  # a busy machine can make one probe miss its 5 s budget
            status, body, headers = Browser().get(f"{base}/-/health/?format=json")
            if status == 200:
                break
        assert status == 200, body
        report = json.loads(body)
        assert set(report) == {
            "Database(alias='default')",
            "Cache(alias='default')",
            "Storage(alias='default')",
            "SearchCluster()",
            "TaskQueueAge()",
        }
        assert set(report.values()) == {"OK"}
        assert "no-cache" in headers.get("Cache-Control", "")


def test_every_answer_carries_the_request_id_the_proxy_gave_it(stack):
    status, _body, headers = Browser().get(f"{stack.proxy}/")
    assert status == 200
    assert len(headers.get("X-Request-ID", "")) == 32


def test_a_killed_task_worker_is_replaced_as_systemd_would(stack):
    """The worker dies with PostgreSQL restarts or an OOM kill; mail and indexing must go on."""
    from tests.stack.test_stack_down import workers_of_this_checkout

    def workers() -> list[int]:
        return [
            pid
            for pid in workers_of_this_checkout()
            if b"supervise.py" not in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]

    before = workers()
    assert len(before) == 1
    os.kill(before[0], signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and workers() in ([], before):
        time.sleep(0.5)
    after = workers()
    assert len(after) == 1 and after != before
    status, body, _headers = Browser().get(f"{stack.proxy}/-/health/?format=json")
    assert json.loads(body)["TaskQueueAge()"] == "OK"
