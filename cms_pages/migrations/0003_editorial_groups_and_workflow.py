"""The editorial roles and Wagtail's moderation workflow that binds them.

- Contents Creators create and edit pages, and submit them for moderation; they cannot publish.
- Editors review (approve / reject with a comment), publish, schedule, manage campaigns and
  events, and the editorial non-page models (CC profiles, event registrations).
- Market Creators may draft pages of their own (Wagtail's "add" permission only lets them edit
  pages they own) and submit them; editors publish.
Every page is moderated by the "Editorial review" workflow (one task: editors' approval).
"""

from django.db import migrations

GROUPS = {
    "Contents Creators": ["add_page", "change_page"],
    "Editors": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Market Creators": ["add_page"],
}
# (app_label, model, codenames) for model permissions each group gets.
MODEL_PERMISSIONS = {
    "Contents Creators": [
        ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
    ],
    "Editors": [
        ("wagtailimages", "image", ["add_image", "change_image", "choose_image", "delete_image"]),
        (
            "cms_pages",
            "contentcreatorprofile",
            [
                "add_contentcreatorprofile",
                "change_contentcreatorprofile",
                "delete_contentcreatorprofile",
                "view_contentcreatorprofile",
            ],
        ),
        (
            "cms_pages",
            "eventregistration",
            ["change_eventregistration", "delete_eventregistration", "view_eventregistration"],
        ),
    ],
    "Market Creators": [
        ("wagtailimages", "image", ["add_image", "choose_image"]),
    ],
}
WORKFLOW_NAME = "Editorial review"
TASK_NAME = "Editors approval"


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename}
    )
    return permission


def create_groups_and_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    root = Page.objects.filter(depth=1).first()
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin")
    groups = {}
    for name, page_codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(access_admin)
        for app_label, model, codenames in MODEL_PERMISSIONS[name]:
            for codename in codenames:
                group.permissions.add(_permission(apps, app_label, model, codename))
        if root is not None:
            for codename in page_codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root,
                    permission=_permission(apps, "wagtailcore", "page", codename),
                )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([groups["Editors"]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def remove_groups_and_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK_NAME).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0002_editorial_pages"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        # after Wagtail's own data migrations that hand every admin group document rights on the
        # root collection (wagtaildocs 0011): the roles get theirs per collection, in 0006
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups_and_workflow, remove_groups_and_workflow)]
