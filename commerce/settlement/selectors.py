"""Reads for the settlement pages: a partner's pending amounts and a statement's rows."""

from django.db.models import Count, Q, Sum
from django.utils import timezone

from commerce.fulfilment.models import LineFulfilment
from commerce.fulfilment.states import State

from .models import Statement, StatementLine

PENDING_STATES = (
    State.PREPARING,
    State.SHIPPED,
    State.DELIVERED,
    State.EXCHANGING,
    State.EXCHANGE_SHIPPED,
    State.EXCHANGED,
)


def partner_pending(*, partner) -> dict:
    """Sales waiting for a statement (confirmed, not settled) and sales still on the road."""
    base = LineFulfilment.objects.filter(partner=partner, line__settlement__isnull=True)
    totals = base.aggregate(
        settleable=Sum("line__line_price_incl_tax", filter=Q(state=State.CONFIRMED)),
        settleable_count=Count("pk", filter=Q(state=State.CONFIRMED)),
        in_progress=Sum("line__line_price_incl_tax", filter=Q(state__in=PENDING_STATES)),
        in_progress_count=Count("pk", filter=Q(state__in=PENDING_STATES)),
    )
    return {key: int(value or 0) for key, value in totals.items()} | {"as_of": timezone.now()}


def statements_for(*, user, partner=None):
    qs = Statement.objects.select_related("partner")
    if not user.is_staff:
        qs = qs.filter(partner__users=user)
    if partner is not None:
        qs = qs.filter(partner=partner)
    return qs


def statement_lines(statement):
    return StatementLine.objects.filter(statement=statement).select_related("line__order")
