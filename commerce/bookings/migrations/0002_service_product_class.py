from django.db import migrations


def add_service_class(apps, schema_editor):
    ProductClass = apps.get_model("catalogue", "ProductClass")
    ProductClass.objects.update_or_create(
        slug="service",
        defaults={"name": "서비스", "requires_shipping": False, "track_stock": False},
    )
    Option = apps.get_model("catalogue", "Option")
    # A basket/order line for a service carries its booking reference in this option.
    Option.objects.update_or_create(
        code="booking", defaults={"name": "예약", "type": "text", "required": False}
    )
    SourceType = apps.get_model("payment", "SourceType")
    SourceType.objects.update_or_create(code="on-site", defaults={"name": "현장결제"})


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0001_initial"),
        ("payment", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_service_class, migrations.RunPython.noop)]
