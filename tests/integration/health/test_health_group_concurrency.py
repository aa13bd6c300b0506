"""A health group's capacity holds when many people join at the same moment (PostgreSQL)."""

import pytest

from health.models import GroupMembership, HealthGroupPage
from health.services import group_join
from tests.concurrency import race
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

    def join(user):
        return lambda: group_join(group=HealthGroupPage.objects.get(pk=group.pk), user=user)

    # when ten people press "join" at once
    race(*(join(user) for user in people))

    # then exactly three are members and the others wait
    statuses = list(
        GroupMembership.objects.filter(group_id=group.pk).values_list("status", flat=True)
    )
    assert statuses.count("member") == CAPACITY
    assert statuses.count("waiting") == PEOPLE - CAPACITY
