"""Writes for the editorial side."""

from django.db import transaction
from oscar.core.loading import get_model

from cms_pages.blocks import stream_catalogue_refs
from cms_pages.models import EventPage, EventRegistration, StoryCatalogueReference, StoryPage

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")


def event_register(
    *, event: EventPage, name: str, phone: str = "", email: str = ""
) -> EventRegistration:
    """Register someone for an event: a confirmed place while there is one, else the waiting list.

    The event's row is locked for the count-and-insert, so simultaneous requests cannot
    confirm more people than the capacity.
    """
    with transaction.atomic():
        EventPage.objects.select_for_update(of=("self",)).only("pk").get(pk=event.pk)
        confirmed = EventRegistration.objects.filter(
            event_id=event.pk, status=EventRegistration.Status.CONFIRMED
        ).count()
        status = (
            EventRegistration.Status.CONFIRMED
            if confirmed < event.capacity
            else EventRegistration.Status.WAITLISTED
        )
        return EventRegistration.objects.create(
            event_id=event.pk, name=name, phone=phone, email=email, status=status
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
