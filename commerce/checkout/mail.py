"""The order confirmation e-mail: Oscar's ORDER_PLACED message, sent through
commerce.core.mail (after commit, by the task worker), with links to the real site."""

from django.conf import settings
from oscar.core.loading import get_model
from wagtail.models import Site

from commerce.core.mail import mail_send

CommunicationEventType = get_model("communication", "CommunicationEventType")


def site_url(request=None) -> str:
    """The public address of the site: THECEN_SITE_URL, else the Wagtail Site's root URL."""
    if settings.THECEN_SITE_URL:
        return settings.THECEN_SITE_URL
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url.rstrip("/")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def order_placed_mail_send(*, order, context: dict) -> None:
    if not order.email:
        return
    messages = CommunicationEventType.objects.get_and_render("ORDER_PLACED", context)
    mail_send(
        subject=messages["subject"],
        body=messages["body"],
        html=messages.get("html", ""),
        to=[order.email],
    )
