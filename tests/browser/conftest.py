"""Every browser test (live server, so transactional) starts with the migrations' data."""

import pytest

from tests.factories.migration_data import migrated_db, migration_data  # noqa: F401


@pytest.fixture(autouse=True)
def _browser_tests_start_migrated(request):
    if "live_server" in request.fixturenames:
        request.getfixturevalue("migrated_db")
