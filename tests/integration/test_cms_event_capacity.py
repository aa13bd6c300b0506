"""An event's capacity holds when many people register at the same moment (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from cms_pages.models import EventPage, EventRegistration
from cms_pages.services import event_register
from tests.factories.editorial import EditorialTree

CAPACITY = 3
PEOPLE = 12


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_registrations_never_exceed_capacity(postgres):
    # given an event with three places
    event = EditorialTree().event(title="돌봄 체험의 날", capacity=CAPACITY)
    start = threading.Barrier(PEOPLE)
    errors = []

    def register(n):
        try:
            start.wait()
            event_register(
                event=EventPage.objects.get(pk=event.pk),
                name=f"참가자 {n}",
                phone=f"010-0000-{n:04d}",
            )
        except Exception as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    # when twelve people press "register" at once
    threads = [threading.Thread(target=register, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then exactly three get a place and the others are on the waiting list
    assert errors == []
    statuses = EventRegistration.objects.filter(event_id=event.pk).values_list("status", flat=True)
    assert sorted(statuses).count("confirmed") == CAPACITY
    assert list(statuses).count("waitlisted") == PEOPLE - CAPACITY
