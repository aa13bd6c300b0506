from django.db import migrations


def add_dues_class(apps, schema_editor):
    ProductClass = apps.get_model("catalogue", "ProductClass")
    ProductClass.objects.update_or_create(
        slug="dues",
        defaults={"name": "회비", "requires_shipping": False, "track_stock": False},
    )
    Option = apps.get_model("catalogue", "Option")
    # A basket/order line paying dues carries the invoice number in this option.
    Option.objects.update_or_create(
        code="dues-invoice", defaults={"name": "회비 청구서", "type": "text", "required": False}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0001_initial"),
        ("catalogue", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_dues_class, migrations.RunPython.noop)]
