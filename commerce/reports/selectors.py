"""Sales, summed by the database: one query per report whatever the number of orders.

A sale is an order line on a paid order (OrderPayment.paid_at set), neither the line nor the
order cancelled or refunded, counted in the Seoul month the order was placed. Amounts are the
lines' prices including tax, in whole won (KRW has no minor unit).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Substr, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from commerce.orderpayments.methods import CANCELLED

Line = get_model("order", "Line")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")

# Line (and order) statuses that are not a sale: cancelled, and the refund statuses returns add.
NOT_SOLD_STATUSES = (CANCELLED, "Refunded", "Returned")
# Oscar's category paths are 4 characters per level: the first 4 are the top-level category.
TOP_LEVEL = 4


@dataclass(frozen=True)
class Period:
    """Whole months in Seoul, from the first day of ``first`` to the end of ``last``."""

    first: datetime.date
    last: datetime.date

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.first, datetime.time(), tzinfo=seoul())

    @property
    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(next_month(self.last), datetime.time(), tzinfo=seoul())

    def months(self) -> list[datetime.date]:
        months, month = [], self.first
        while month <= self.last:
            months.append(month)
            month = next_month(month)
        return months


def seoul() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def last_months(count: int = 12, *, today: datetime.date | None = None) -> Period:
    today = today or timezone.localdate()
    last = today.replace(day=1)
    first = last
    for _i in range(count - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return Period(first, last)


@dataclass(frozen=True)
class Row:
    label: str
    orders: int
    quantity: int
    amount: int  # KRW


def sold_lines(*, period: Period, partners=None):
    """The lines that count as sales in ``period``; only ``partners``' lines if given."""
    lines = (
        Line.objects.filter(
            order__payment__paid_at__isnull=False,
            order__date_placed__gte=period.starts_at,
            order__date_placed__lt=period.ends_at,
        )
        .exclude(status__in=NOT_SOLD_STATUSES)
        .exclude(order__status__in=NOT_SOLD_STATUSES)
    )
    if partners is not None:
        lines = lines.filter(partner__in=partners)
    return lines


def _totals(lines, *group):
    return (
        lines.values(*group)
        .annotate(
            orders=Count("order", distinct=True),
            quantity=Coalesce(Sum("quantity"), 0),
            amount=Coalesce(Sum("line_price_incl_tax"), Value(0), output_field=IntegerField()),
        )
        .order_by(*group)
    )


def _row(label, values) -> Row:
    return Row(str(label), values["orders"], values["quantity"], int(values["amount"]))


def _by_amount(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (-r.amount, r.label))


def sales_by_partner(*, period: Period, partners=None) -> list[Row]:
    rows = _totals(sold_lines(period=period, partners=partners), "partner_id", "partner_name")
    return _by_amount([_row(r["partner_name"] or _("(no partner)"), r) for r in rows])


def sales_by_category(*, period: Period, partners=None) -> list[Row]:
    """By top-level category; a product in several counts once, under its first category."""
    first_path = (
        ProductCategory.objects.filter(product=OuterRef("product"))
        .order_by("category__path")
        .values("category__path")[:1]
    )
    lines = sold_lines(period=period, partners=partners).annotate(
        top=Substr(Subquery(first_path), 1, TOP_LEVEL)
    )
    rows = list(_totals(lines, "top"))
    names = dict(
        Category.objects.filter(path__in=[r["top"] for r in rows if r["top"]]).values_list(
            "path", "name"
        )
    )
    return _by_amount([_row(names.get(r["top"]) or _("(no category)"), r) for r in rows])


def sales_by_campaign(*, period: Period, partners=None) -> list[Row]:
    """By Market Creator and campaign (sales without an MC are one row of their own)."""
    rows = _totals(
        sold_lines(period=period, partners=partners),
        "order__mc_attribution__mc__name",
        "order__mc_attribution__campaign_title",
    )
    result = []
    for r in rows:
        mc = r["order__mc_attribution__mc__name"]
        campaign = r["order__mc_attribution__campaign_title"]
        if not mc:
            label = _("Direct (no MC)")
        elif campaign:
            label = f"{mc} · {campaign}"
        else:
            label = f"{mc} · " + _("MC link")
        result.append(_row(label, r))
    return _by_amount(result)


def sales_by_month(*, period: Period, partners=None) -> list[Row]:
    """Every month of the period, in order, months without sales included (as zero)."""
    lines = sold_lines(period=period, partners=partners).annotate(
        month=TruncMonth("order__date_placed", tzinfo=seoul())
    )
    found = {r["month"].date(): r for r in _totals(lines, "month")}
    empty = {"orders": 0, "quantity": 0, "amount": 0}
    return [
        _row(_("%(year)d-%(month)02d") % {"year": m.year, "month": m.month}, found.get(m, empty))
        for m in period.months()
    ]


REPORTS = {
    "partner": sales_by_partner,
    "category": sales_by_category,
    "campaign": sales_by_campaign,
    "month": sales_by_month,
}
