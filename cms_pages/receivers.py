"""The editorial side's answers to commerce events (commerce never imports the pages)."""

from django.dispatch import receiver

from commerce.membership.signals import partner_approved

from .services import enterprise_profile_draft_create


@receiver(partner_approved, dispatch_uid="cms_pages.partner_approved")
def draft_enterprise_profile(*, partner, application, by, **kwargs):
    page = enterprise_profile_draft_create(partner=partner, application=application, by=by)
    if page is not None:
        application.profile_page = page
        application.save(update_fields=["profile_page"])
