from django.db import migrations


def add_korea(apps, schema_editor):
    Country = apps.get_model("address", "Country")
    Country.objects.update_or_create(
        iso_3166_1_a2="KR",
        defaults={
            "iso_3166_1_a3": "KOR",
            "iso_3166_1_numeric": "410",
            "printable_name": "대한민국",
            "name": "Republic of Korea",
            "display_order": 1,
            "is_shipping_country": True,
        },
    )
    SourceType = apps.get_model("payment", "SourceType")
    SourceType.objects.update_or_create(code="bank-transfer", defaults={"name": "무통장입금"})


class Migration(migrations.Migration):
    dependencies = [
        ("address", "0001_initial"),
        ("payment", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_korea, migrations.RunPython.noop)]
