"""Browser tests run against a live server, so each one flushes the database afterwards.

Django's `serialized_rollback` should bring back what the migrations created (the Wagtail
root page, the editorial groups and workflow), but under Playwright's sync API the test body
sees another database-connection object, without the serialized copy, and the data never
comes back. So the copy is taken once per session here and restored before each browser test
whose database lacks it.
"""

import pytest


@pytest.fixture(scope="session")
def migration_data(django_db_setup, django_db_blocker) -> str:
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is None:
        with django_db_blocker.unblock():
            contents = connection.creation.serialize_db_to_string()
    return contents


@pytest.fixture(autouse=True)
def _restore_migration_data(request, migration_data, django_db_blocker):
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection
    from wagtail.models import Page

    with django_db_blocker.unblock():
        if not Page.objects.filter(depth=1).exists():
            # the last flush re-created content types and permissions under new ids: start
            # from an empty database so the copy comes back with its own ids
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            connection.creation.deserialize_db_from_string(migration_data)
            ContentType.objects.clear_cache()
            # and new rows must not reuse the restored ids
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                    cursor.execute(sql)
    yield
