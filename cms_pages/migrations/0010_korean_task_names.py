"""The approval steps named in Korean too: staff read the task's name in the status panel
("편집자 승인 대기 중") and on the workflow screens. Wagtail's own default workflow, made for its
Moderators group (wagtailcore 0048) and left on no page once 편집 검토 took the root, is named
after the group as it is now called."""

from django.db import migrations

from commerce.core.roles import EDITORS_APPROVAL, MODERATORS_APPROVAL

TASKS = [("Editors approval", EDITORS_APPROVAL), ("Moderators approval", MODERATORS_APPROVAL)]


def rename(apps, forward: bool):
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    for old, new in TASKS:
        before, after = (old, new) if forward else (new, old)
        Task.objects.filter(name=before).update(name=after)
        Workflow.objects.filter(name=before).update(name=after)


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0009_korean_group_names"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, editor: rename(apps, True), lambda apps, editor: rename(apps, False)
        )
    ]
