"""Writes for the editorial side.

Event pages call `event_register` from their registration route, so this module is imported
while the page models load: it imports only the model modules below the pages that call it.
"""

from __future__ import annotations

from base64 import urlsafe_b64decode, urlsafe_b64encode
from typing import TYPE_CHECKING

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from cms_pages.blocks import stream_catalogue_refs
from cms_pages.models.enterprises import EnterpriseIndexPage, EnterprisePage
from cms_pages.models.mentions import StoryCatalogueReference
from cms_pages.models.registrations import EventRegistration
from commerce.core.mail import mail_send

if TYPE_CHECKING:
    from cms_pages.models.events import EventPage
    from cms_pages.models.stories import StoryPage

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")


class RegistrationError(ValueError):
    """A registration the event refuses (already registered): shown to the person as it is."""


def event_register(
    *, event: EventPage, name: str, phone: str = "", email: str = "", cancel_url=None
) -> EventRegistration:
    """Register someone for an event: a confirmed place while there is one, else the waiting list.

    The event's row is locked for the count-and-insert, so simultaneous requests cannot
    confirm more people than the capacity. One contact (phone or e-mail) registers once per
    event, so one script cannot take every place or fill the waiting list.
    """
    with transaction.atomic():
        type(event).objects.select_for_update(of=("self",)).only("pk").get(pk=event.pk)
        same_contact = Q(pk__in=[])
        if phone:
            same_contact |= Q(phone=phone)
        if email:
            same_contact |= Q(email__iexact=email)
        already = EventRegistration.objects.filter(same_contact, event_id=event.pk).exclude(
            status=EventRegistration.Status.CANCELLED
        )
        if already.exists():
            raise RegistrationError(_("This phone number or email is already registered."))
        confirmed = EventRegistration.objects.filter(
            event_id=event.pk, status=EventRegistration.Status.CONFIRMED
        ).count()
        status = (
            EventRegistration.Status.CONFIRMED
            if confirmed < event.capacity
            else EventRegistration.Status.WAITLISTED
        )
        registration = EventRegistration.objects.create(
            event_id=event.pk, name=name, phone=phone, email=email, status=status
        )
        registration.event = event
        event_registration_mail(registration=registration, cancel_url=cancel_url)
        return registration


CANCEL_SALT = "cms_pages.event-registration-cancel"


def registration_cancel_token(registration: EventRegistration) -> str:
    """A signed token for the cancel link in the mails (no account needed).

    Wrapped in URL-safe base64 without padding: Wagtail serves only path components of
    letters, digits, "_" and "-", and a signature carries ":"."""
    signed = signing.dumps(registration.pk, salt=CANCEL_SALT, compress=True)
    return urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def registration_from_token(token: str) -> EventRegistration | None:
    try:
        signed = urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        pk = signing.loads(signed, salt=CANCEL_SALT)
    except (signing.BadSignature, ValueError):  # binascii.Error and UnicodeError are ValueErrors
        return None
    return EventRegistration.objects.filter(pk=pk).select_related("event").first()


def _when(event) -> str:
    return date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT")


def event_registration_mail(*, registration: EventRegistration, cancel_url=None) -> None:
    """Confirmation of a place (or of a place on the waiting list), with the cancel link;
    sent after the commit by the task worker."""
    if not registration.email:
        return
    event = registration.event
    link = cancel_url(registration_cancel_token(registration)) if cancel_url else ""
    if registration.status == EventRegistration.Status.CONFIRMED:
        subject = _("You are registered: %(title)s") % {"title": event.title}
        lead = _("%(name)s, your place is confirmed.") % {"name": registration.name}
    else:
        subject = _("You are on the waiting list: %(title)s") % {"title": event.title}
        lead = _(
            "%(name)s, the event is full: you are number %(position)d on the waiting list. "
            "We will e-mail you if a place frees up."
        ) % {"name": registration.name, "position": registration.waiting_position()}
    parts = [
        lead,
        _("%(title)s · %(when)s · %(place)s")
        % {"title": event.title, "when": _when(event), "place": event.place_name},
    ]
    if link:
        parts.append(_("Cannot come? Cancel here so someone else can: %(link)s") % {"link": link})
    mail_send(subject=subject, body="\n\n".join(parts), to=[registration.email], unverified=True)


def event_registration_cancel(*, registration: EventRegistration, cancel_url=None) -> bool:
    """Cancel a registration; a confirmed place goes to the first on the waiting list, who is
    e-mailed. Under the event's row lock, like registering, so a place is given once.
    Returns False when it was already cancelled."""
    with transaction.atomic():
        EventPage = type(registration.event)
        event = EventPage.objects.select_for_update(of=("self",)).get(pk=registration.event_id)
        registration = EventRegistration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == EventRegistration.Status.CANCELLED:
            return False
        freed = registration.status == EventRegistration.Status.CONFIRMED
        registration.status = EventRegistration.Status.CANCELLED
        registration.save(update_fields=["status"])
        if freed:
            confirmed = EventRegistration.objects.filter(
                event_id=event.pk, status=EventRegistration.Status.CONFIRMED
            ).count()
            waiting = (
                EventRegistration.objects.select_for_update()
                .filter(event_id=event.pk, status=EventRegistration.Status.WAITLISTED)
                .order_by("created_at", "pk")
            )
            for promoted in waiting[: max(event.capacity - confirmed, 0)]:
                promoted.status = EventRegistration.Status.CONFIRMED
                promoted.save(update_fields=["status"])
                promoted.event = event
                event_registration_promoted_mail(registration=promoted, cancel_url=cancel_url)
    return True


def event_registration_promoted_mail(*, registration: EventRegistration, cancel_url=None) -> None:
    if not registration.email:
        return
    event = registration.event
    parts = [
        _("Good news, %(name)s: a place freed up and it is yours.") % {"name": registration.name},
        _("%(title)s · %(when)s · %(place)s")
        % {"title": event.title, "when": _when(event), "place": event.place_name},
    ]
    if cancel_url:
        link = cancel_url(registration_cancel_token(registration))
        parts.append(_("Cannot come? Cancel here so someone else can: %(link)s") % {"link": link})
    mail_send(
        subject=_("A place is yours: %(title)s") % {"title": event.title},
        body="\n\n".join(parts),
        to=[registration.email],
    )


def story_references_sync(*, story: StoryPage) -> int:
    """Rewrite the story's catalogue references from its live content (call it on publish).

    An unpublished story keeps none. Ids of products or partners deleted since the story was
    written are left out. Returns how many references the story now has.
    """
    with transaction.atomic():
        StoryCatalogueReference.objects.filter(story_id=story.pk).delete()
        if not story.live:
            return 0
        product_ids, partner_ids = stream_catalogue_refs(story.body)
        product_ids = Product.objects.filter(pk__in=product_ids).values_list("pk", flat=True)
        partner_ids = Partner.objects.filter(pk__in=partner_ids).values_list("pk", flat=True)
        rows = [StoryCatalogueReference(story_id=story.pk, product_id=pk) for pk in product_ids]
        rows += [StoryCatalogueReference(story_id=story.pk, partner_id=pk) for pk in partner_ids]
        StoryCatalogueReference.objects.bulk_create(rows)
    return len(rows)


def story_references_clear(*, story: StoryPage) -> None:
    StoryCatalogueReference.objects.filter(story_id=story.pk).delete()


# The first word of a Korean road address names the province or metropolitan city.
_REGION_PREFIXES = {
    "서울": "seoul",
    "부산": "busan",
    "대구": "daegu",
    "인천": "incheon",
    "광주": "gwangju",
    "대전": "daejeon",
    "울산": "ulsan",
    "세종": "sejong",
    "경기": "gyeonggi",
    "강원": "gangwon",
    "충청북": "chungbuk",
    "충북": "chungbuk",
    "충청남": "chungnam",
    "충남": "chungnam",
    "전라북": "jeonbuk",
    "전북": "jeonbuk",
    "전라남": "jeonnam",
    "전남": "jeonnam",
    "경상북": "gyeongbuk",
    "경북": "gyeongbuk",
    "경상남": "gyeongnam",
    "경남": "gyeongnam",
    "제주": "jeju",
}


def _region_of(address: str) -> str:
    first = address.strip().split(" ", 1)[0]
    for prefix, region in _REGION_PREFIXES.items():
        if first.startswith(prefix):
            return region
    return ""


def enterprise_profile_draft_create(*, partner, application, by=None):
    """A draft enterprise profile for a newly approved partner, for editors to complete.

    Nothing is created when the partner already has a profile or the site has no
    enterprise directory yet. The draft is never published here: editors add the field,
    the summary and photos, then publish it.
    """
    if EnterprisePage.objects.filter(partner=partner).exists():
        return None
    directory = EnterpriseIndexPage.objects.order_by("path").first()
    if directory is None:
        return None
    address = " ".join(filter(None, [application.address, application.address_detail]))
    page = EnterprisePage(
        title=application.name,
        partner=partner,
        enterprise_type=application.kind,
        region=_region_of(application.address),
        address=address,
        phone=application.phone,
        email=application.email,
        live=False,
    )
    directory.add_child(instance=page)
    # The editors choose the field (and check the region) before publishing: as in the admin,
    # a draft may leave required fields empty; publishing validates them.
    page.save_revision(user=by, log_action=True, clean=False)
    return page
