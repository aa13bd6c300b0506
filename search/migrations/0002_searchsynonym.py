from pathlib import Path

from django.db import migrations, models

SEED = Path(__file__).resolve().parent.parent / "synonyms" / "ko.txt"


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("search", "SearchSynonym")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    SearchSynonym.objects.bulk_create(
        SearchSynonym(terms=line.strip())
        for line in lines
        if line.strip() and not line.startswith("#")
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "terms",
                    models.CharField(
                        help_text="Words that should find each other, separated by commas, e.g. 어르신, 노인, 시니어",
                        max_length=500,
                        verbose_name="words",
                    ),
                ),
            ],
            options={
                "verbose_name": "search synonym",
                "verbose_name_plural": "search synonyms",
                "ordering": ["pk"],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
