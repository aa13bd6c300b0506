"""Reads: the live recommendations for a result, health groups, a person's saved results.

The health pages' routes reach this module while the page models load (through
`health.views`): it names a page class with `apps.get_model` when a read runs.

Recommendations are read live from the catalogue, stories, groups and events in a bounded
number of queries, whatever the number of rules or candidates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Case, IntegerField, Q, Sum, Value, When
from django.utils import timezone
from oscar.core.loading import get_model

from cms_pages.models import EnterprisePage, StoryPage
from cms_pages.selectors import events_upcoming, public, shoppable_catalogue
from commerce.bookings.models import Booking, Service, Slot
from commerce.bookings.selectors import booking_taking_place_q, service_times
from commerce.partner.selectors import products_listed
from health import engine
from health.models.members import GroupMembership
from health.models.privacy import SavedResult
from health.models.rules import Dimension, ResultRule
from health.models.stats import BUCKETS, CheckTally, FollowTally, ScoreTally

Product = get_model("catalogue", "Product")

PER_KIND = 4
CANDIDATES = 24


@dataclass
class Recommendation:
    kind: str  # service, goods, story, group, event
    object_id: int
    title: str
    url: str
    region: str = ""
    summary: str = ""
    price: object = None
    next_slot: datetime.datetime | None = None
    when: object = None


@dataclass
class Recommendations:
    services: list[Recommendation] = field(default_factory=list)
    goods: list[Recommendation] = field(default_factory=list)
    stories: list[Recommendation] = field(default_factory=list)
    groups: list[Recommendation] = field(default_factory=list)
    events: list[Recommendation] = field(default_factory=list)

    def __bool__(self):
        return any([self.services, self.goods, self.stories, self.groups, self.events])


def rules_matching(*, check_page, scores: dict[str, int]) -> list[ResultRule]:
    rules = list(ResultRule.objects.filter(page=check_page).select_related("dimension", "category"))
    matched = {r.id for r in engine.matching_rules([r.as_engine_rule() for r in rules], scores)}
    return [rule for rule in rules if rule.pk in matched]


def dimensions_for(slugs) -> list[Dimension]:
    return list(Dimension.objects.filter(slug__in=list(slugs)))


def _near_first(queryset, region: str, field_name: str = "region"):
    if not region:
        return queryset.annotate(near=Value(1, output_field=IntegerField()))
    return queryset.annotate(
        near=Case(When(**{field_name: region}, then=0), default=1, output_field=IntegerField())
    )


def _next_free_slots(services, now) -> dict[int, datetime.datetime]:
    """The next start time with a free place for each service, in two queries for all."""
    times = {s.pk: service_times(service=s, now=now) for s in services}
    if not any(times.values()):
        return {}
    ids = list(times)
    taken = {
        (row["slot__service_id"], row["slot__starts_at"]): row["n"]
        for row in Booking.objects.filter(
            booking_taking_place_q(now), slot__service_id__in=ids, slot__starts_at__gt=now
        )
        .values("slot__service_id", "slot__starts_at")
        .annotate(n=Sum("places"))
    }
    capacities = {
        (service_id, starts_at): capacity
        for service_id, starts_at, capacity in Slot.objects.filter(
            service_id__in=ids, starts_at__gt=now
        ).values_list("service_id", "starts_at", "capacity")
    }
    result = {}
    for service_id, service_times_ in times.items():
        for starts_at, capacity in service_times_:
            capacity = capacities.get((service_id, starts_at), capacity)
            if capacity - taken.get((service_id, starts_at), 0) > 0:
                result[service_id] = starts_at
                break
    return result


def _partner_regions(partner_ids) -> dict[int, str]:
    if not partner_ids:
        return {}
    return dict(
        EnterprisePage.objects.live()
        .filter(partner_id__in=list(partner_ids))
        .values_list("partner_id", "region")
    )


def _catalogue(request, rules, region, now) -> tuple[list, list]:
    groups = {r.service_group for r in rules if r.service_group}
    paths = {r.category.path for r in rules if r.category_id}
    if not groups and not paths:
        return [], []
    by_category = Q()
    for path in paths:
        by_category |= Q(categories__path__startswith=path)
    browsable = products_listed(Product.objects.browsable())
    service_match = Q(service__group__in=groups) if groups else Q(pk__in=[])
    if paths:
        service_match |= by_category
    service_ids = list(
        browsable.filter(service__isnull=False)
        .filter(service_match)
        .order_by("-date_created")
        .values_list("pk", flat=True)
        .distinct()[:CANDIDATES]
    )
    goods_ids = []
    if paths:
        goods_ids = list(
            browsable.filter(
                by_category, service__isnull=True, product_class__requires_shipping=True
            )
            .order_by("-date_created")
            .values_list("pk", flat=True)
            .distinct()[:CANDIDATES]
        )
    catalogue = shoppable_catalogue(request=request, product_ids=service_ids + goods_ids)
    regions = _partner_regions(catalogue.partners.keys())
    services = list(
        Service.objects.filter(product_id__in=service_ids).prefetch_related(
            "weekly_slots", "exceptions"
        )
    )
    next_slots = _next_free_slots(services, now)
    service_of = {s.product_id: s for s in services}

    def build(kind, product_id):
        offer = catalogue.offer(product_id)
        if offer is None or not offer.can_buy:
            return None
        partner_id = offer.enterprise.pk if offer.enterprise else None
        service = service_of.get(product_id)
        return Recommendation(
            kind=kind,
            object_id=product_id,
            title=offer.product.get_title(),
            url=offer.url,
            region=regions.get(partner_id, ""),
            summary=offer.enterprise.name if offer.enterprise else "",
            price=offer.price,
            next_slot=next_slots.get(service.pk) if service else None,
        )

    def ranked(kind, ids):
        items = [item for item in (build(kind, pk) for pk in ids) if item is not None]
        # Nearest first, then those with a free time soonest.
        items.sort(key=lambda i: (bool(region) and i.region != region, i.next_slot is None))
        return items[:PER_KIND]

    return ranked("service", service_ids), ranked("goods", goods_ids)


def recommendations_for(*, request, rules: list[ResultRule], region: str = "") -> Recommendations:
    HealthGroupPage = apps.get_model("health", "HealthGroupPage")
    now = timezone.now()
    result = Recommendations()
    result.services, result.goods = _catalogue(request, rules, region, now)

    tags = {r.story_tag for r in rules if r.story_tag}
    if tags:
        stories = (
            public(StoryPage.objects.live())
            .defer_streamfields()
            .filter(Q(tags__name__in=tags) | Q(tags__slug__in=tags))
            .distinct()
        )
        stories = _near_first(stories, region).order_by("near", "-date")[:PER_KIND]
        result.stories = [
            Recommendation("story", s.pk, s.title, s.get_url(request), s.region, s.lead)
            for s in stories
        ]

    themes = {r.group_theme for r in rules if r.group_theme}
    if themes:
        groups = _near_first(
            public(HealthGroupPage.objects.live()).filter(theme__in=themes), region
        ).order_by("near", "weekday", "start_time")[:PER_KIND]
        result.groups = [
            Recommendation(
                "group",
                g.pk,
                g.title,
                g.get_url(request),
                g.region,
                g.lead,
                price=g.cost,
                when=g,
            )
            for g in groups
        ]

    kinds = {r.event_kind for r in rules if r.event_kind}
    if kinds:
        events = _near_first(events_upcoming(now=now).filter(kind__in=kinds), region).order_by(
            "near", "starts_at"
        )[:PER_KIND]
        result.events = [
            Recommendation(
                "event", e.pk, e.title, e.get_url(request), e.region, e.lead, when=e.starts_at
            )
            for e in events
        ]
    return result


# Groups


def group_list(*, index=None, region="", theme="", weekday=""):
    HealthGroupPage = apps.get_model("health", "HealthGroupPage")
    groups = public(HealthGroupPage.objects.live())
    if index is not None:
        groups = groups.child_of(index)
    if region:
        groups = groups.filter(region=region)
    if theme:
        groups = groups.filter(theme=theme)
    if weekday != "":
        groups = groups.filter(weekday=int(weekday))
    return groups.order_by("weekday", "start_time", "title")


def group_members(*, group):
    return (
        GroupMembership.objects.filter(group=group)
        .select_related("user")
        .order_by("status", "joined_at", "pk")
    )


def group_membership_of(*, group, user) -> GroupMembership | None:
    if not user.is_authenticated:
        return None
    return GroupMembership.objects.filter(group=group, user=user).first()


def group_places_left(*, group) -> int:
    members = GroupMembership.objects.filter(
        group=group, status=GroupMembership.Status.MEMBER
    ).count()
    return max(group.capacity - members, 0)


def results_for_user(*, user):
    return (
        SavedResult.objects.filter(user=user, expires_at__gt=timezone.now())
        .select_related("check_page")
        .order_by("-consented_at")
    )


def check_stats() -> dict:
    """Anonymous aggregates per check: how many took it, score buckets, followed links."""
    HealthCheckPage = apps.get_model("health", "HealthCheckPage")
    checks = {p.pk: p for p in HealthCheckPage.objects.order_by("path")}
    totals = dict(
        CheckTally.objects.values("check_page")
        .annotate(n=Sum("count"))
        .values_list("check_page", "n")
    )
    names = {d.slug: d.name for d in Dimension.objects.all()}
    buckets: dict[tuple[int, str], list[int]] = {}
    for row in ScoreTally.objects.values("check_page", "dimension", "bucket", "count"):
        key = (row["check_page"], row["dimension"])
        buckets.setdefault(key, [0] * BUCKETS)[row["bucket"]] = row["count"]
    follows: dict[int, list] = {}
    for tally in FollowTally.objects.order_by("-count")[:200]:
        follows.setdefault(tally.check_page_id, []).append(tally)
    rows = []
    for pk, page in checks.items():
        rows.append(
            {
                "page": page,
                "total": totals.get(pk, 0),
                "dimensions": [
                    (names.get(dim, dim), counts)
                    for (check, dim), counts in sorted(buckets.items())
                    if check == pk
                ],
                "follows": follows.get(pk, []),
            }
        )
    return {"checks": rows, "bucket_labels": [f"{i * 20}–{(i + 1) * 20}%" for i in range(BUCKETS)]}
