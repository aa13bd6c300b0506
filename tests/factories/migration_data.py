"""Bring back what the migrations created after a transactional test flushed the database.

Django's `serialized_rollback` should restore the Wagtail root page, the editorial groups
and the workflow, but it fails in two cases seen here: under Playwright's sync API the test
body sees another database-connection object, without the serialized copy; and after such a
test's flush has re-created content types under new ids, the copy no longer fits. So the copy
is taken once per session and restored, from an empty database, whenever it is missing.
Use the `migrated_db` fixture (import it into the test module or conftest).
"""

import pytest

_copy: list[str] = []


def migration_data_take(django_db_blocker) -> None:
    """Called right after the test database is set up, while it holds only migration data."""
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is None:
        with django_db_blocker.unblock():
            contents = connection.creation.serialize_db_to_string()
    _copy[:] = [contents]


@pytest.fixture(scope="session")
def migration_data(django_db_setup, django_db_blocker) -> str:
    if not _copy:
        migration_data_take(django_db_blocker)
    return _copy[0]


def migration_data_restore(contents: str) -> None:
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection
    from wagtail.models import Page

    if Page.objects.filter(depth=1).exists():
        return
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(contents)
    ContentType.objects.clear_cache()
    # new rows must not reuse the restored ids
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)


@pytest.fixture
def migrated_db(transactional_db, migration_data, django_db_blocker):
    """A transactional database that holds the migrations' data."""
    with django_db_blocker.unblock():
        migration_data_restore(migration_data)
