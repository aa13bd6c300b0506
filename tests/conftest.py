"""Shared fixtures. Real services only: a missing one fails the test, it is never skipped.

The migrations' data. Migrations create rows that tests rely on: Wagtail's root page, root
collection, default site and locale, the editorial groups and workflow, Korea, the
bank-transfer source type, the service and dues product classes. A transactional test
(`django_db(transaction=True)`, `live_server`) ends with a flush that deletes them. One rule
keeps them, whatever the order of the tests and with --create-db or --reuse-db alike:

    between two tests, and between two runs, the test database holds the migrations' data.

- `django_db_setup` checks that the database holds it (a reused one that lost it in a run
  killed during a flush stops the run: use --create-db) and keeps a serialized copy.
- `pytest_runtest_teardown`, after a transactional test's own flush, flushes once more and
  loads the copy, under the same ids, then moves the sequences past them; for the run's last
  test `django_db_setup`'s teardown does it, before the database is dropped or kept.

Tests and factories therefore never re-create these rows. Django's serialized_rollback is not
used: it restores *before* a test, so the last transactional test of a --reuse-db run leaves
the database empty for the next run; its copy hangs on the connection object, which is not
the one the test body sees under Playwright's sync API; and it cannot load after a flush whose
post_migrate re-created content types under new ids.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connection
from pytest_django.fixtures import validate_django_db
from pytest_django.plugin import blocking_manager_key

from tests import chromium

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the
# same tests are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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
    executable = chromium.EXECUTABLE
    if not shutil.which(executable) and not Path(executable).exists():
        pytest.fail(f"Chromium not found at {executable} (Debian: apt-get install chromium).")
    return {**browser_type_launch_args, "executable_path": executable, "args": chromium.ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ko-KR", "timezone_id": "Asia/Seoul"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, as a fresh deployment would."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's set-up, then a copy of the migrations' data (see the module docstring)."""
    with django_db_blocker.unblock():
        if not _holds_migration_data():
            pytest.exit(
                "The reused test database lost the rows its migrations made (a run was stopped "
                "during a flush): run the tests once with --create-db.",
                returncode=1,
            )
        contents = getattr(connection, "_test_serialized_contents", None)
        _migration_data[:] = [contents or connection.creation.serialize_db_to_string()]
    yield
    # When the run's last test was transactional, the hook below would come after the test
    # database is dropped (or, with --reuse-db, left empty for the next run): restore here.
    with django_db_blocker.unblock():
        # A fresh connection: the session's may have been terminated by a database restart
        # (tests/security/test_database_restart.py) since it was last used.
        connection.close()
        if not _holds_migration_data():
            _migration_data_restore()
    _migration_data.clear()


_migration_data: list[str] = []


def _holds_migration_data() -> bool:
    from wagtail.models import Collection, Page

    return Page.objects.filter(depth=1).exists() and Collection.objects.filter(depth=1).exists()


def _flushes_database(item: pytest.Item) -> bool:
    """Whether pytest-django ends this test with a flush (the test is transactional)."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls and issubclass(cls, TransactionTestCase):
        return not issubclass(cls, TestCase)
    marker = item.get_closest_marker("django_db")
    if marker:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        if transaction or reset_sequences:
            return True
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(fixtures & {"transactional_db", "live_server", "django_db_reset_sequences"})


def _migration_data_restore() -> None:
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style

    # The test's flush ran post_migrate, which re-created content types and permissions under
    # new ids: clear them too, so the copy goes back as it was.
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(_migration_data[0])
    ContentType.objects.clear_cache()
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After the test's fixtures (and pytest-django's flush) are torn down."""
    try:
        return (yield)
    finally:
        if _migration_data and _flushes_database(item):
            with item.config.stash[blocking_manager_key].unblock():
                _migration_data_restore()


@pytest.fixture(scope="session")
def portone_server():
    """The local fake PortOne (tests/fakes/portone.py): a real HTTP server for the run."""
    from tests.fakes.portone import FakePortOne

    fake = FakePortOne().start()
    yield fake
    fake.stop()


@pytest.fixture
def portone(portone_server, settings):
    """The site configured for PortOne, with every channel, pointed at the fake."""
    from tests.fakes import portone as fake

    portone_server.reset()
    settings.THECEN_PORTONE_STORE_ID = fake.STORE_ID
    settings.THECEN_PORTONE_CHANNEL_KEYS = dict(fake.CHANNEL_KEYS)
    settings.THECEN_PORTONE_API_SECRET = fake.API_SECRET
    settings.THECEN_PORTONE_WEBHOOK_SECRET = fake.WEBHOOK_SECRET
    settings.THECEN_PORTONE_API_URL = portone_server.url
    settings.THECEN_PORTONE_WINDOW_URL = portone_server.url + "/v2/browser-sdk.js"
    return portone_server
