"""Making partner statements and paying them.

A statement is made under a row lock on its partner: two operators (or a double click) make one
statement, the second finds it made. Its lines are read and written in a fixed number of
queries, however many lines there are.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from commerce.fulfilment.models import LineFulfilment, ReturnRequest
from commerce.fulfilment.states import State
from commerce.mc.models import LedgerEntry
from commerce.shipping.models import OrderShippingCharge

from .models import FeeRate, Statement, StatementLine, StatementShipping
from .money import rate_of

Partner = get_model("partner", "Partner")


class SettlementError(ValueError):
    pass


def period_of(
    day: datetime.date, *, period: str | None = None
) -> tuple[datetime.date, datetime.date]:
    """The week (Monday to Sunday) or month that holds ``day``: (first day, day after the last)."""
    period = period or settings.THECEN_SETTLEMENT_PERIOD
    if period == "weekly":
        start = day - datetime.timedelta(days=day.weekday())
        return start, start + datetime.timedelta(days=7)
    start = day.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, end


def last_closed_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    today = today or timezone.localdate()
    start, _end = period_of(today)
    return period_of(start - datetime.timedelta(days=1))


def _seoul_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def partner_fee_rule(partner) -> tuple[Decimal, bool]:
    """The platform fee rate of the partner's grade, and whether it bears the MC commission."""
    rule = (
        FeeRate.objects.filter(grade__membership__partner=partner)
        .values_list("rate", "partner_bears_mc_commission")
        .first()
    )
    if rule is None:
        return Decimal(settings.THECEN_SETTLEMENT_DEFAULT_FEE_RATE), False
    return Decimal(rule[0]), rule[1]


def mc_commission_of_lines(line_ids) -> dict[int, int]:
    """Line id → the MC commission it still carries (commission less reversals), in one query.

    Each entry was rounded by the MC ledger (원 미만 절사 per line), so the sum is whole won and
    nothing is rounded again here. A returned line's commission was reversed: it counts 0.
    """
    rows = (
        LedgerEntry.objects.filter(order_line_id__in=list(line_ids))
        .values("order_line_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {row["order_line_id"]: int(row["total"] or 0) for row in rows}


def settleable_rows(*, partner, until: datetime.datetime):
    """Confirmed or returned lines of ``partner`` up to ``until`` that no statement holds yet."""
    accepted = ReturnRequest.objects.filter(
        line=OuterRef("line_id"), status=ReturnRequest.Status.ACCEPTED
    )
    return (
        LineFulfilment.objects.filter(partner=partner)
        .filter(
            Q(state=State.CONFIRMED, confirmed_at__lt=until)
            | Q(state=State.RETURNED, returned_at__lt=until)
        )
        .filter(line__settlement__isnull=True)
        .annotate(
            refund=Subquery(accepted.values("refund_amount")[:1]),
            return_fee=Subquery(accepted.values("return_fee")[:1]),
            fee_payer=Subquery(accepted.values("fee_payer")[:1]),
        )
        .values(
            "line_id",
            "state",
            "confirmed_at",
            "returned_at",
            "line__order_id",
            "line__line_price_incl_tax",
            "refund",
            "return_fee",
            "fee_payer",
        )
        .order_by("line_id")
    )


def statement_create(
    *, partner, period_start: datetime.date, period_end: datetime.date, by=None
) -> Statement | None:
    """The statement of ``partner`` for the period (its unsettled lines up to the period's end).

    Once per partner and period: a second call returns the first statement. None when there is
    nothing to settle and no negative balance waiting.
    """
    until = _seoul_midnight(period_end)
    with transaction.atomic():
        Partner.objects.select_for_update().get(pk=partner.pk)
        existing = Statement.objects.filter(partner=partner, period_start=period_start).first()
        if existing is not None:
            return existing
        rows = list(settleable_rows(partner=partner, until=until))
        carry = (
            Statement.objects.filter(
                partner=partner, status=Statement.Status.CARRIED, carried_to__isnull=True
            )
            .order_by("period_start")
            .first()
        )
        if not rows and carry is None:
            return None
        rate, bears_mc = partner_fee_rule(partner)
        commissions = mc_commission_of_lines(r["line_id"] for r in rows) if bears_mc else {}
        lines = []
        for row in rows:
            returned = row["state"] == State.RETURNED
            partner_pays = row["fee_payer"] == ReturnRequest.Payer.PARTNER
            borne = (row["return_fee"] or 0) if partner_pays else 0
            lines.append(
                StatementLine(
                    line_id=row["line_id"],
                    kind=StatementLine.Kind.RETURNED if returned else StatementLine.Kind.CONFIRMED,
                    settled_on=row["returned_at"] if returned else row["confirmed_at"],
                    gross=int(row["line__line_price_incl_tax"]),
                    refund=(row["refund"] or 0) if returned else 0,
                    return_fee=borne,
                    mc_commission=max(commissions.get(row["line_id"], 0), 0),
                )
            )
        order_ids = {row["line__order_id"] for row in rows}
        charges = list(
            OrderShippingCharge.objects.filter(
                partner=partner, order_id__in=order_ids, settlement__isnull=True
            ).values_list("pk", "amount")
        )
        gross = sum(line.gross for line in lines)
        fee_base = sum(line.gross for line in lines if line.kind == StatementLine.Kind.CONFIRMED)
        shipping = sum(amount for _pk, amount in charges)
        refunds = sum(line.refund for line in lines)
        return_fees = sum(line.return_fee for line in lines)
        mc_commissions = sum(line.mc_commission for line in lines)
        fee = rate_of(fee_base, rate)
        carried_in = carry.net if carry is not None else 0
        net = gross + shipping - refunds - return_fees - fee - mc_commissions + carried_in
        statement = Statement.objects.create(
            partner=partner,
            period_start=period_start,
            period_end=period_end,
            gross=gross,
            shipping=shipping,
            refunds=refunds,
            return_fees=return_fees,
            fee_base=fee_base,
            fee_rate=rate,
            fee=fee,
            mc_commissions=mc_commissions,
            carried_in=carried_in,
            carried_from=carry,
            net=net,
            status=Statement.Status.CARRIED if net < 0 else Statement.Status.DUE,
            created_by=by,
        )
        for line in lines:
            line.statement = statement
        StatementLine.objects.bulk_create(lines, batch_size=5000)
        StatementShipping.objects.bulk_create(
            [
                StatementShipping(statement=statement, charge_id=pk, amount=amount)
                for pk, amount in charges
            ],
            batch_size=5000,
        )
    return statement


def partners_to_settle(*, until: datetime.datetime):
    """Partners with an unsettled confirmed or returned line before ``until``, or a carry."""
    with_lines = LineFulfilment.objects.filter(
        Q(state=State.CONFIRMED, confirmed_at__lt=until)
        | Q(state=State.RETURNED, returned_at__lt=until),
        line__settlement__isnull=True,
    ).values("partner_id")
    carried = Statement.objects.filter(
        status=Statement.Status.CARRIED, carried_to__isnull=True
    ).values("partner_id")
    return Partner.objects.filter(Q(pk__in=with_lines) | Q(pk__in=carried)).order_by("pk")


def statements_run(
    *, period_start: datetime.date, period_end: datetime.date, by=None
) -> list[Statement]:
    """Every partner's statement for the period (one transaction per partner)."""
    made = []
    for partner in partners_to_settle(until=_seoul_midnight(period_end)):
        statement = statement_create(
            partner=partner, period_start=period_start, period_end=period_end, by=by
        )
        if statement is not None:
            made.append(statement)
    return made


def statement_mark_paid(*, statement: Statement, reference: str, by) -> Statement:
    """The operator transferred the net amount: recorded once, with the bank's reference."""
    reference = reference.strip()
    if not reference:
        raise SettlementError(_("Enter the transfer reference."))
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement.pk)
        if statement.status == Statement.Status.PAID:
            return statement
        if statement.status != Statement.Status.DUE:
            raise SettlementError(_("A negative statement is carried over, not paid."))
        statement.status = Statement.Status.PAID
        statement.paid_at = timezone.now()
        statement.paid_by = by
        statement.transfer_reference = reference[:100]
        statement.save(update_fields=["status", "paid_at", "paid_by", "transfer_reference"])
    return statement
