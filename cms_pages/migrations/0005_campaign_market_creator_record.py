"""A campaign names its Market Creator record instead of a user account plus a free-text name.

Each page (and each of its revisions, so editors do not reopen a stale draft) gets the
approved MC of its former user account. Without one, the free-text name is kept in
``legacy_mc_name`` and still shown to readers: nothing is lost.
"""

import django.db.models.deletion
from django.db import migrations, models


def _approved_mc_of_user(MarketCreator, user_id):
    if not user_id:
        return None
    return (
        MarketCreator.objects.filter(user_id=user_id, status="approved")
        .exclude(code=None)
        .order_by("-created")
        .first()
    )


def link_market_creators(apps, schema_editor):
    CampaignPage = apps.get_model("cms_pages", "CampaignPage")
    MarketCreator = apps.get_model("mc", "MarketCreator")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")

    content_type = ContentType.objects.filter(app_label="cms_pages", model="campaignpage").first()
    for page in CampaignPage.objects.all():
        mc = _approved_mc_of_user(MarketCreator, page.market_creator_user_id)
        page.market_creator = mc
        if mc is not None and mc.name == page.legacy_mc_name:
            page.legacy_mc_name = ""
        page.save(update_fields=["market_creator", "legacy_mc_name"])
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type):
        content = dict(revision.content)
        mc = _approved_mc_of_user(MarketCreator, content.pop("market_creator", None))
        name = content.pop("market_creator_name", "")
        content["market_creator"] = mc.pk if mc else None
        content["legacy_mc_name"] = "" if (mc and mc.name == name) else name
        revision.content = content
        revision.save(update_fields=["content"])


def unlink_market_creators(apps, schema_editor):
    CampaignPage = apps.get_model("cms_pages", "CampaignPage")
    for page in CampaignPage.objects.select_related("market_creator"):
        if page.market_creator is not None:
            page.market_creator_user_id = page.market_creator.user_id
            page.legacy_mc_name = page.legacy_mc_name or page.market_creator.name
            page.save(update_fields=["market_creator_user", "legacy_mc_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0004_story_catalogue_reference"),
        ("mc", "0002_profiles_and_payout_statements"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RenameField("campaignpage", "market_creator", "market_creator_user"),
        migrations.RenameField("campaignpage", "market_creator_name", "legacy_mc_name"),
        migrations.AlterField(
            model_name="campaignpage",
            name="legacy_mc_name",
            field=models.CharField(
                blank=True,
                help_text="Only for campaigns whose Market Creator has no approved record.",
                max_length=100,
                verbose_name="Market Creator name (no MC record)",
            ),
        ),
        migrations.AddField(
            model_name="campaignpage",
            name="market_creator",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="campaign_pages",
                to="mc.marketcreator",
                verbose_name="Market Creator",
            ),
        ),
        migrations.RunPython(link_market_creators, unlink_market_creators),
        migrations.RemoveField("campaignpage", "market_creator_user"),
    ]
