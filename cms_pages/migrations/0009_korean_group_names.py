"""Staff groups and the editorial workflow named in Korean, as staff see them in the admin
(사용자 → 그룹, 워크플로). Code finds them through commerce.core.roles, never by a literal."""

from django.db import migrations

RENAMES = [
    ("Contents Creators", "콘텐츠크리에이터"),
    ("Editors", "편집자"),
    ("Market Creators", "마켓크리에이터"),
    ("Moderators", "검토자"),
]
WORKFLOW = ("Editorial review", "편집 검토")


def rename(apps, forward: bool):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    for old, new in RENAMES:
        before, after = (old, new) if forward else (new, old)
        if not Group.objects.filter(name=after).exists():
            Group.objects.filter(name=before).update(name=after)
    before, after = WORKFLOW if forward else WORKFLOW[::-1]
    Workflow.objects.filter(name=before).update(name=after)


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0008_merge_20261203_0019"),
        # every migration that looked a group up by its English name
        ("mc", "0009_merge_20261203_0019"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, editor: rename(apps, True), lambda apps, editor: rename(apps, False)
        )
    ]
