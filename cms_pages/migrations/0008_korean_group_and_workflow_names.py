"""Group, workflow and task names as staff read them in the admin: in Korean.

The names are data (Wagtail shows them as they are stored), so they are renamed here;
commerce.core.roles holds the new names for the code that asks "is this user an editor?".
"""

from django.db import migrations

GROUPS = {
    "Contents Creators": "콘텐츠 크리에이터",
    "Editors": "편집자",
    "Market Creators": "마켓크리에이터",
    "Moderators": "검수자",
}
WORKFLOWS = {"Editorial review": "편집 검토", "Moderators approval": "검수자 승인"}
TASKS = {"Editors approval": "편집자 승인", "Moderators approval": "검수자 승인"}


def rename(apps, names: dict, model: str, app: str = "wagtailcore", reverse=False):
    Model = apps.get_model(app, model)
    for old, new in names.items():
        if reverse:
            old, new = new, old
        if not Model.objects.filter(name=new).exists():
            Model.objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    rename(apps, GROUPS, "Group", app="auth")
    rename(apps, WORKFLOWS, "Workflow")
    rename(apps, TASKS, "Task")


def backwards(apps, schema_editor):
    rename(apps, GROUPS, "Group", app="auth", reverse=True)
    rename(apps, WORKFLOWS, "Workflow", reverse=True)
    rename(apps, TASKS, "Task", reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0007_participants_goods_optional"),
        # the migrations that look groups up by their English names run first
        ("mc", "0004_editors_manage_mc_profiles"),
        # Wagtail's own data migrations look "Moderators" and "Editors" up by name
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0002_initial_data"),
        ("wagtailimages", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
