"""Editors keep MC public profiles up to date (list, edit); paying MCs stays with operators."""

from django.db import migrations

CODENAMES = ["view_marketcreator", "change_marketcreator"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="mc", model="marketcreator")
    for codename in CODENAMES:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename}
        )
        editors.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.remove(
            *editors.permissions.filter(
                content_type__app_label="mc", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0003_editorial_groups_and_workflow"),
        ("mc", "0003_campaign_links"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
