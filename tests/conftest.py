"""Shared fixtures. Real services only: a missing one fails the test, it is never skipped."""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connection

from tests.factories.migration_data import migration_data  # noqa: F401

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the
# same tests are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def search_url() -> str:
    """The URL of the real search node that `make test` started."""
    url = os.environ.get("THECEN_SEARCH_URL", "")
    if not url:
        pytest.fail("THECEN_SEARCH_URL is not set: run the tests with `make test`.")
    return url


@pytest.fixture
def postgres(db):
    """Fails unless the test database is PostgreSQL (row locks, real concurrency)."""
    if connection.vendor != "postgresql":
        pytest.fail(
            f"This test needs PostgreSQL but the database is {connection.vendor}: "
            "run the tests with `make test`."
        )
    return connection


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = os.environ.get("THECEN_BROWSER", "/usr/bin/chromium")
    if not shutil.which(executable) and not Path(executable).exists():
        pytest.fail(f"Chromium not found at {executable} (Debian: apt-get install chromium).")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ko-KR", "timezone_id": "Asia/Seoul"}


def pytest_collection_modifyitems(items):
    """Transactional tests flush the database when they end, and with it the rows that
    migrations create (Wagtail's root page, the editorial groups and workflow, Korea as the
    shipping country). Serialized rollback puts those rows back before each such test."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            item.add_marker(
                pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True}),
                append=False,
            )


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, as a fresh deployment would."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's set-up, then a copy of what the migrations created (see migration_data)."""
    from tests.factories import migration_data as copies

    copies.migration_data_take(django_db_blocker)
