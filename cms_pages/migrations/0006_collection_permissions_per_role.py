"""Images and documents per collection, as Wagtail checks them (issue #15 §1).

Wagtail asks for *collection* permissions in its choosers; the model permissions granted in
0003 let nobody outside the superusers upload or choose a thing ("You haven't uploaded any
images."). Each role now gets its own room:

- 이야기 자료 (stories): Contents Creators add, choose and edit their images and documents.
- 마켓크리에이터 자료 (MC material): Market Creators add and choose theirs.
- Editors add, choose, edit and delete everything, in every collection (the root).
Editors also keep the health dimensions snippet; nobody else reaches it.
"""

from django.db import migrations

STORIES = "이야기 자료"
MC_MATERIAL = "마켓크리에이터 자료"
IMAGE = ("wagtailimages", "image")
DOCUMENT = ("wagtaildocs", "document")
# group: [(collection name or None for the root, (app, model), codenames)]
GRANTS = {
    "Contents Creators": [
        (STORIES, IMAGE, ["add_image", "change_image", "choose_image"]),
        (STORIES, DOCUMENT, ["add_document", "change_document", "choose_document"]),
    ],
    "Market Creators": [
        (MC_MATERIAL, IMAGE, ["add_image", "choose_image"]),
        (MC_MATERIAL, DOCUMENT, ["add_document", "choose_document"]),
    ],
    "Editors": [
        (None, IMAGE, ["add_image", "change_image", "choose_image", "delete_image"]),
        (
            None,
            DOCUMENT,
            ["add_document", "change_document", "choose_document", "delete_document"],
        ),
    ],
}
EDITOR_MODEL_PERMISSIONS = [
    ("health", "dimension", ["add_dimension", "change_dimension", "view_dimension"]),
]


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename}
    )
    return permission


def _collection(apps, name):
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return None
    if name is None:
        return root
    existing = Collection.objects.filter(depth=2, name=name).first()
    if existing is not None:
        return existing
    # Treebeard's API is not available on historical models: add the child by hand.
    children = Collection.objects.filter(depth=2).order_by("-path")
    last = children.first()
    step = int(last.path[-4:], 36) + 1 if last else 1
    path = root.path + _base36(step).rjust(4, "0")
    child = Collection.objects.create(name=name, path=path, depth=2, numchild=0)
    root.numchild = Collection.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    return child


def _base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out or "0"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for group_name, grants in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for collection_name, (app_label, model), codenames in grants:
            collection = _collection(apps, collection_name)
            if collection is None:
                continue
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=collection,
                    permission=_permission(apps, app_label, model, codename),
                )
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        for app_label, model, codenames in EDITOR_MODEL_PERMISSIONS:
            for codename in codenames:
                editors.permissions.add(_permission(apps, app_label, model, codename))


def revoke(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(group__name__in=GRANTS).delete()
    apps.get_model("wagtailcore", "Collection").objects.filter(
        depth=2, name__in=[STORIES, MC_MATERIAL]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0005_campaign_market_creator_record"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("health", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
