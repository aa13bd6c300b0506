"""The demo: a quick and a detailed check in Korean whose rules lead to real demo services,
goods, stories, groups and events."""

import pytest

from demo import catalogue, commerce, enterprises, health, pages
from health.models import Dimension, HealthCheckPage, HealthGroupPage

HEAVY_QUICK = {
    "q-walk": "c",
    "q-meal": "c",
    "q-sleep": "5",
    "q-mood": "c",
    "q-mood2": "a",
    "q-life": ["a", "b", "c", "d"],
    "region": "seoul",
}


@pytest.mark.django_db
def test_the_demo_checks_lead_to_live_recommendations_of_every_kind(client):
    for loader in (catalogue, commerce, enterprises, pages, health):
        loader.load()
    health.load()  # a second run adds nothing
    assert Dimension.objects.count() == 6
    assert HealthGroupPage.objects.live().count() == 6

    quick = HealthCheckPage.objects.get(kind="quick")
    detailed = HealthCheckPage.objects.get(kind="detailed")
    assert 5 <= len(quick.engine_questions()) <= 7
    assert len(detailed.engine_questions()) >= 20

    response = client.post(quick.url, HEAVY_QUICK, follow=True)
    recs = response.context["recommendations"]
    for kind in ("services", "goods", "stories", "groups", "events"):
        assert getattr(recs, kind), f"the quick check recommends no {kind}"
    assert all(r.next_slot for r in recs.services)
    # every recommendation opens a live page where it can be booked, bought or joined
    for r in recs.services + recs.goods + recs.groups + recs.events + recs.stories:
        assert client.get(f"/health/go/{r.kind}/{r.object_id}/", follow=True).status_code == 200

    worst = {f"q-{q.key}": q.answers[-1].key for q in detailed.engine_questions()}
    response = client.post(detailed.url, worst, follow=True)
    assert "자살예방 상담전화 109" in response.content.decode()
