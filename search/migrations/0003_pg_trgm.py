from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm for the database fallback's title similarity (a no-op on SQLite)."""

    dependencies = [("search", "0002_searchsynonym")]

    operations = [TrigramExtension()]
