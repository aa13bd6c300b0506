"""The data migrations carry existing campaigns, rules and attributions over without loss."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from oscar.test.factories import create_order

from cms_pages.models import CampaignPage
from tests.factories.commerce import create_customer
from tests.factories.mc import approved_mc
from tests.factories.pages import PageTree

BEFORE = [("cms_pages", "0003_editorial_groups_and_workflow"), ("mc", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_campaign_pages_rules_and_attributions_are_linked_by_the_migration(
    postgres,
):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    tree = PageTree()
    create_customer("someone@example.kr")  # so a user id is never mistaken for an MC id
    mc = approved_mc(code="chorok", name="초록손 MC")
    assert mc.pk != mc.user_id
    linked = tree.campaign(title="가게 응원전", slug="shop-cheer")
    named = tree.campaign(title="김장 나눔", slug="kimjang")
    for page in (linked, named):
        page.save_revision()
    order = create_order()
    try:
        # given the data as it was before MCs were linked: a user FK and free text
        old = migrate(BEFORE)
        OldCampaign = old.get_model("cms_pages", "CampaignPage")
        OldCampaign.objects.filter(pk=linked.pk).update(
            market_creator=mc.user_id, market_creator_name="초록손 MC"
        )
        OldCampaign.objects.filter(pk=named.pk).update(
            market_creator=None, market_creator_name="박보람"
        )
        Revision = old.get_model("wagtailcore", "Revision")
        for page, user_id, name in ((linked, mc.user_id, "초록손 MC"), (named, None, "박보람")):
            revision = Revision.objects.filter(object_id=str(page.pk)).latest("pk")
            content = {
                k: v
                for k, v in revision.content.items()
                if k not in ("market_creator", "legacy_mc_name")
            }
            revision.content = {**content, "market_creator": user_id, "market_creator_name": name}
            revision.save()
        Rule = old.get_model("mc", "CommissionRule")
        Rule.objects.create(mc_kind="individual", campaign="shop-cheer", rate=12)
        Rule.objects.create(mc_kind="individual", campaign="가게 응원전 아님", rate=30)
        Rule.objects.create(mc_kind="individual", campaign="", rate=7)
        old.get_model("mc", "OrderAttribution").objects.create(
            order_id=order.pk,
            mc_id=mc.pk,
            campaign="가게 응원전",
            clicked_at=order.date_placed,
        )

        # when the migrations run
        new = migrate(latest)

        # then the campaign names its MC record, and the other keeps its name
        linked_now = CampaignPage.objects.get(pk=linked.pk)
        named_now = CampaignPage.objects.get(pk=named.pk)
        assert (linked_now.market_creator_id, linked_now.curator_name) == (mc.pk, "초록손 MC")
        assert (named_now.market_creator_id, named_now.curator_name) == (None, "박보람")
        # editors reopening the latest revision see the same
        assert linked_now.get_latest_revision_as_object().market_creator_id == mc.pk
        assert named_now.get_latest_revision_as_object().legacy_mc_name == "박보람"
        # the rule found its campaign by slug; the one matching no campaign is gone
        NewRule = new.get_model("mc", "CommissionRule")
        rules = sorted(NewRule.objects.values_list("campaign_id", "rate"), key=str)
        assert [(c, int(r)) for c, r in rules] == sorted([(linked.pk, 12), (None, 7)], key=str)
        # the attribution found it by title and keeps the title
        attribution = new.get_model("mc", "OrderAttribution").objects.get()
        assert (attribution.campaign_id, attribution.campaign_title) == (linked.pk, "가게 응원전")
    finally:
        migrate(latest)
