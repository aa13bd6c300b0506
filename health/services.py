"""Writes: anonymous tallies, saved results (with consent), group membership.

Imported while the page models load (their routes call `health.views`), so the page classes
are not imported here: a group is locked through its own class, the daily job names it with
`apps.get_model`.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from commerce.core.mail import mail_send
from health import engine
from health.models.members import GroupMembership, SessionReminder
from health.models.privacy import SavedResult
from health.models.stats import BUCKETS, CheckTally, FollowTally, ScoreTally

if TYPE_CHECKING:
    from health.models.groups import HealthGroupPage


def _bump(model, *, defaults=None, **key) -> None:
    """count += 1 on the row with this key, creating it on first use (race-safe)."""
    if model.objects.filter(**key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(count=1, **key, **(defaults or {}))
    except IntegrityError:
        model.objects.filter(**key).update(count=F("count") + 1)


def check_tally_record(*, check_page, outcome: engine.Outcome) -> None:
    """Count one completed check and where its scores fall; nothing about the person."""
    month = timezone.localdate().replace(day=1)
    _bump(CheckTally, check_page=check_page, month=month)
    for dimension in outcome.scores:
        bucket = min(outcome.percent(dimension) * BUCKETS // 100, BUCKETS - 1)
        _bump(ScoreTally, check_page=check_page, dimension=dimension, bucket=bucket)


def follow_tally_record(*, check_page, kind: str, object_id: int, label: str) -> None:
    _bump(
        FollowTally,
        check_page=check_page,
        kind=kind,
        object_id=object_id,
        defaults={"label": label[:255]},
    )


def retention_days() -> int:
    return settings.THECEN_HEALTH_RETENTION_DAYS


def result_save(*, user, check_page, scores: dict[str, int], consent_text: str) -> SavedResult:
    return SavedResult.objects.create(
        user=user,
        check_page=check_page,
        scores={k: int(v) for k, v in scores.items()},
        consent_text=consent_text,
        expires_at=timezone.now() + datetime.timedelta(days=retention_days()),
    )


def result_delete(*, user, result_id: int) -> bool:
    """Delete one of the user's saved results for good; False if there was none."""
    deleted, _ = SavedResult.objects.filter(user=user, pk=result_id).delete()
    return bool(deleted)


def results_purge_expired(*, now=None) -> int:
    deleted, _ = SavedResult.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def group_join(*, group: HealthGroupPage, user) -> GroupMembership:
    """Join a group: a place while there is one, else the waiting list.

    The group's page row is locked for the count-and-insert, so simultaneous joins never
    put more members in than its capacity.
    """
    with transaction.atomic():
        locked = (
            type(group)
            .objects.select_for_update(of=("self",))
            .only("pk", "capacity")
            .get(pk=group.pk)
        )
        existing = GroupMembership.objects.filter(group_id=group.pk, user=user).first()
        if existing is not None:
            return existing
        members = GroupMembership.objects.filter(
            group_id=group.pk, status=GroupMembership.Status.MEMBER
        ).count()
        status = (
            GroupMembership.Status.MEMBER
            if members < locked.capacity
            else GroupMembership.Status.WAITING
        )
        return GroupMembership.objects.create(group_id=group.pk, user=user, status=status)


def group_leave(*, group: HealthGroupPage, user) -> GroupMembership | None:
    """Leave a group; the first person on the waiting list takes the freed place.

    Returns the membership of the person who moved up, if any.
    """
    with transaction.atomic():
        locked = (
            type(group)
            .objects.select_for_update(of=("self",))
            .only("pk", "capacity")
            .get(pk=group.pk)
        )
        deleted, _ = GroupMembership.objects.filter(group_id=group.pk, user=user).delete()
        if not deleted:
            return None
        members = GroupMembership.objects.filter(
            group_id=group.pk, status=GroupMembership.Status.MEMBER
        ).count()
        if members >= locked.capacity:
            return None
        first = (
            GroupMembership.objects.filter(group_id=group.pk, status=GroupMembership.Status.WAITING)
            .order_by("joined_at", "pk")
            .first()
        )
        if first is not None:
            first.status = GroupMembership.Status.MEMBER
            first.save(update_fields=["status"])
        return first


def _member_emails(group) -> list[str]:
    return list(
        GroupMembership.objects.filter(group=group, status=GroupMembership.Status.MEMBER)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def group_message_send(*, group: HealthGroupPage, sender, subject: str, body: str) -> int:
    """The leader writes to the members: one e-mail, members in Bcc so they stay private."""
    recipients = _member_emails(group)
    if not recipients:
        return 0
    mail_send(
        subject=f"[{group.title}] {subject}",
        body=body,
        to=[],
        bcc=recipients,
        reply_to=[sender.email] if sender.email else None,
    )
    return len(recipients)


def group_meetings_on(group: HealthGroupPage, day: datetime.date) -> list[tuple]:
    """The group's meetings on ``day`` as (start, note): its weekly time and one-off sessions.

    A one-off session at the weekly time is the same meeting (its note wins).
    """
    tz = timezone.get_current_timezone()
    meetings: dict[datetime.datetime, str] = {}
    if group.weekday == day.weekday():
        meetings[datetime.datetime.combine(day, group.start_time, tzinfo=tz)] = ""
    for session in group.sessions.all():
        start = timezone.localtime(session.starts_at)
        if start.date() == day:
            meetings[start] = session.note or meetings.get(start, "")
    return sorted(meetings.items())


def group_meets_on(group: HealthGroupPage, day: datetime.date) -> list[datetime.datetime]:
    """The group's meeting times on ``day``: its weekly time and any one-off sessions."""
    return [start for start, _note in group_meetings_on(group, day)]


def group_reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail members the day before each meeting of their group, weekly or one-off.

    Each member is reminded once per meeting: what was sent is recorded per member and
    meeting start (SessionReminder) before the e-mail goes, so a second run the same day
    sends nothing again, while members who joined since and sessions added since still get
    theirs. Returns how many members were reminded.
    """
    from django.template.loader import render_to_string

    day = (today or timezone.localdate()) + datetime.timedelta(days=1)
    sent = 0
    groups = apps.get_model("health", "HealthGroupPage").objects.live().prefetch_related("sessions")
    for group in groups:
        meetings = group_meetings_on(group, day)
        if not meetings:
            continue
        members = dict(
            GroupMembership.objects.filter(group=group, status=GroupMembership.Status.MEMBER)
            .exclude(user__email="")
            .values_list("user_id", "user__email")
        )
        if not members:
            continue
        for start, note in meetings:
            with transaction.atomic():
                already = set(
                    SessionReminder.objects.filter(
                        group=group, starts_at=start, user_id__in=members
                    ).values_list("user_id", flat=True)
                )
                due = [user_id for user_id in members if user_id not in already]
                if not due:
                    continue
                SessionReminder.objects.bulk_create(
                    [SessionReminder(group=group, user_id=u, starts_at=start) for u in due],
                    ignore_conflicts=True,
                )
            body = render_to_string(
                "health/emails/reminder.txt", {"group": group, "times": [start], "note": note}
            )
            mail_send(subject=body.splitlines()[0], body=body, to=[], bcc=[members[u] for u in due])
            sent += len(due)
    return sent
