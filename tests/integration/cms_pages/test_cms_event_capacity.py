"""An event's capacity holds when many people register at the same moment (PostgreSQL)."""

import pytest

from cms_pages.models import EventPage, EventRegistration
from cms_pages.services import event_register
from tests.concurrency import race
from tests.factories.pages import PageTree

CAPACITY = 3
PEOPLE = 12


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_registrations_never_exceed_capacity(postgres):
    # given an event with three places
    event = PageTree().event(title="돌봄 체험의 날", capacity=CAPACITY)

    def register(n):
        return lambda: event_register(
            event=EventPage.objects.get(pk=event.pk), name=f"참가자 {n}", phone=f"010-0000-{n:04d}"
        )

    # when twelve people press "register" at once
    race(*(register(n) for n in range(PEOPLE)))

    # then exactly three get a place and the others are on the waiting list
    statuses = EventRegistration.objects.filter(event_id=event.pk).values_list("status", flat=True)
    assert sorted(statuses).count("confirmed") == CAPACITY
    assert list(statuses).count("waitlisted") == PEOPLE - CAPACITY
