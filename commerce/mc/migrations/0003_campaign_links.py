"""Campaigns become links to their CampaignPage in rules, attributions and the ledger.

Existing free text is matched to a page by slug, then by title. Attributions and ledger
entries keep the text as ``campaign_title`` either way, so no history is lost. A campaign
rule whose text matches no page never applied to any sale; it is deleted rather than widened
into a rule for every campaign.
"""

import django.db.models.deletion
from django.db import migrations, models


def link_campaigns(apps, schema_editor):
    CampaignPage = apps.get_model("cms_pages", "CampaignPage")
    pages = {}
    for page in CampaignPage.objects.order_by("pk").only("pk", "slug", "title"):
        pages.setdefault(page.slug, page)
        pages.setdefault(page.title, page)

    for model_name in ("OrderAttribution", "LedgerEntry"):
        model = apps.get_model("mc", model_name)
        for row in model.objects.exclude(campaign_text=""):
            page = pages.get(row.campaign_text.strip())
            row.campaign_id = page.pk if page else None
            row.campaign_title = page.title if page else row.campaign_text
            row.save(update_fields=["campaign", "campaign_title"])

    CommissionRule = apps.get_model("mc", "CommissionRule")
    for rule in CommissionRule.objects.exclude(campaign_text=""):
        page = pages.get(rule.campaign_text.strip())
        if page is None:
            rule.delete()
        else:
            rule.campaign_id = page.pk
            rule.save(update_fields=["campaign"])


def unlink_campaigns(apps, schema_editor):
    for model_name in ("OrderAttribution", "LedgerEntry", "CommissionRule"):
        model = apps.get_model("mc", model_name)
        for row in model.objects.exclude(campaign=None).select_related("campaign"):
            row.campaign_text = row.campaign.slug
            row.save(update_fields=["campaign_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0032_category_exclude_from_menu_category_long_description"),
        ("cms_pages", "0005_campaign_market_creator_record"),
        ("mc", "0002_profiles_and_payout_statements"),
    ]

    operations = [
        migrations.RenameField("commissionrule", "campaign", "campaign_text"),
        migrations.RenameField("ledgerentry", "campaign", "campaign_text"),
        migrations.RenameField("orderattribution", "campaign", "campaign_text"),
        migrations.AddField(
            model_name='commissionrule',
            name='campaign',
            field=models.ForeignKey(blank=True, help_text='Leave empty for every campaign.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='commission_rules', to='cms_pages.campaignpage', verbose_name='Campaign'),
        ),
        migrations.AddField(
            model_name='ledgerentry',
            name='campaign',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='cms_pages.campaignpage', verbose_name='Campaign'),
        ),
        migrations.AddField(
            model_name='orderattribution',
            name='campaign',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='cms_pages.campaignpage', verbose_name='Campaign'),
        ),
        migrations.RunPython(link_campaigns, unlink_campaigns),
        migrations.RemoveField("commissionrule", "campaign_text"),
        migrations.RemoveField("ledgerentry", "campaign_text"),
        migrations.RemoveField("orderattribution", "campaign_text"),
        migrations.AddConstraint(
            model_name='commissionrule',
            constraint=models.UniqueConstraint(condition=models.Q(('campaign__isnull', False), ('category__isnull', False)), fields=('mc_kind', 'category', 'campaign'), name='mc_rule_scope_kind_category_campaign', violation_error_message='A rule for this scope (MC kind, category and campaign) already exists. Edit that rule instead.'),
        ),
        migrations.AddConstraint(
            model_name='commissionrule',
            constraint=models.UniqueConstraint(condition=models.Q(('campaign__isnull', True), ('category__isnull', False)), fields=('mc_kind', 'category'), name='mc_rule_scope_kind_category', violation_error_message='A rule for this scope (MC kind, category and campaign) already exists. Edit that rule instead.'),
        ),
        migrations.AddConstraint(
            model_name='commissionrule',
            constraint=models.UniqueConstraint(condition=models.Q(('campaign__isnull', False), ('category__isnull', True)), fields=('mc_kind', 'campaign'), name='mc_rule_scope_kind_campaign', violation_error_message='A rule for this scope (MC kind, category and campaign) already exists. Edit that rule instead.'),
        ),
        migrations.AddConstraint(
            model_name='commissionrule',
            constraint=models.UniqueConstraint(condition=models.Q(('campaign__isnull', True), ('category__isnull', True)), fields=('mc_kind',), name='mc_rule_scope_kind', violation_error_message='A rule for this scope (MC kind, category and campaign) already exists. Edit that rule instead.'),
        ),
        migrations.AddConstraint(
            model_name='commissionrule',
            constraint=models.CheckConstraint(condition=models.Q(('rate__gte', 0), ('rate__lte', 100)), name='mc_rule_rate_0_to_100', violation_error_message='The rate must be between 0%% and 100%%.'),
        ),
    ]
