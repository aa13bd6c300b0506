"""PartnerApplication.profile_url (free text) becomes a link to the EnterprisePage.

Existing addresses are resolved to pages where possible (see profile_links); an application
whose partner already has a profile page is linked to it even without an address.
"""

import django.db.models.deletion
from django.db import migrations, models

from commerce.membership.profile_links import profile_page_for_url


def link_profile_pages(apps, schema_editor):
    PartnerApplication = apps.get_model("membership", "PartnerApplication")
    EnterprisePage = apps.get_model("cms_pages", "EnterprisePage")
    Site = apps.get_model("wagtailcore", "Site")
    for application in PartnerApplication.objects.all():
        page = profile_page_for_url(
            application.profile_url, enterprise_pages=EnterprisePage.objects.all(), sites=Site.objects
        )
        if page is None and application.partner_id:
            page = EnterprisePage.objects.filter(partner_id=application.partner_id).first()
        if page is not None:
            application.profile_page = page
            application.save(update_fields=["profile_page"])


def unlink_profile_pages(apps, schema_editor):
    """Going back: the page's address is kept as text, as it was before."""
    PartnerApplication = apps.get_model("membership", "PartnerApplication")
    for application in PartnerApplication.objects.select_related("profile_page"):
        if application.profile_page is not None:
            application.profile_url = application.profile_page.url_path
            application.save(update_fields=["profile_url"])


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0003_editorial_groups_and_workflow"),
        ("membership", "0003_promoted_listing"),
    ]

    operations = [
        migrations.AddField(
            model_name="partnerapplication",
            name="profile_page",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="applications",
                to="cms_pages.enterprisepage",
                verbose_name="Enterprise profile page",
            ),
        ),
        migrations.RunPython(link_profile_pages, unlink_profile_pages),
        migrations.RemoveField(model_name="partnerapplication", name="profile_url"),
    ]
