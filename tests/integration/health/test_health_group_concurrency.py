"""A health group's capacity holds when many people join at the same moment (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from health.models import GroupMembership, HealthGroupPage
from health.services import group_join
from tests.factories.commerce import create_customer
from tests.factories.health import HealthTree

CAPACITY = 3
PEOPLE = 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_joins_never_exceed_capacity(postgres):
    # given a group with three places
    group = HealthTree().group(title="갑천 아침 걷기반", capacity=CAPACITY)
    people = [create_customer(f"walker{n}@example.kr") for n in range(PEOPLE)]
    start = threading.Barrier(PEOPLE)
    errors = []

    def join(user):
        try:
            start.wait()
            group_join(group=HealthGroupPage.objects.get(pk=group.pk), user=user)
        except Exception as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    # when ten people press "join" at once
    threads = [threading.Thread(target=join, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then exactly three are members and the others wait
    assert errors == []
    statuses = list(
        GroupMembership.objects.filter(group_id=group.pk).values_list("status", flat=True)
    )
    assert statuses.count("member") == CAPACITY
    assert statuses.count("waiting") == PEOPLE - CAPACITY
