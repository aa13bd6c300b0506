"""Writes for the editorial side."""

from django.db import transaction

from cms_pages.models import EventPage, EventRegistration


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
