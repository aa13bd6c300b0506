"""What an MC sees: clicks, orders, revenue and commission, by month and by campaign."""

import datetime
from collections import defaultdict

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from commerce.core.roles import EDITORS, MARKET_CREATORS

from .models import (
    Click,
    CommissionRule,
    LedgerEntry,
    MarketCreator,
    OrderAttribution,
    PayoutStatement,
)


def mc_for_user(*, user) -> MarketCreator | None:
    return (
        MarketCreator.objects.filter(user=user, status=MarketCreator.Status.APPROVED)
        .order_by("-created")
        .first()
    )


def mc_summary(*, mc: MarketCreator) -> dict:
    """Totals and a month × campaign table; the commission columns add up to the ledger."""
    clicks = Click.objects.filter(mc=mc)
    attributions = OrderAttribution.objects.filter(mc=mc)
    rows = defaultdict(
        lambda: {"pending": 0, "confirmed": 0, "paid": 0, "revenue": 0, "withholding": 0}
    )
    ledger = (
        LedgerEntry.objects.filter(mc=mc)
        .annotate(month=TruncMonth("created"))
        .values("month", "campaign_title", "status")
        .annotate(amount=Sum("amount"), base=Sum("base_amount"), withholding=Sum("withholding"))
    )
    for entry in ledger:
        row = rows[(entry["month"], entry["campaign_title"])]
        row[entry["status"]] += entry["amount"]
        row["revenue"] += entry["base"]
        row["withholding"] += entry["withholding"]
    table = [
        {"month": month, "campaign": campaign, **values}
        for (month, campaign), values in sorted(rows.items(), key=lambda kv: kv[0], reverse=True)
    ]
    totals = LedgerEntry.objects.filter(mc=mc).aggregate(
        commission=Sum("amount"), revenue=Sum("base_amount"), withholding=Sum("withholding")
    )
    clicks_by_month = list(
        clicks.annotate(month=TruncMonth("created"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("-month")
    )
    return {
        "clicks": clicks.count(),
        "clicks_by_month": clicks_by_month,
        "orders": attributions.count(),
        "revenue": totals["revenue"] or 0,
        "commission": totals["commission"] or 0,
        "withholding": totals["withholding"] or 0,
        "by_status": {
            status: sum(row[status] for row in table) for status in ("pending", "confirmed", "paid")
        },
        "table": table,
    }


def mc_choices_for_editor(*, user, current_id: int | None = None) -> QuerySet[MarketCreator]:
    """The MCs a campaign page may name: approved ones; an MC (not an editor) only themself.

    The page's current MC stays choosable even if it was since withdrawn, so saving an old
    campaign does not fail.
    """
    approved = Q(status=MarketCreator.Status.APPROVED, code__isnull=False)
    groups = set(user.groups.values_list("name", flat=True))
    if not user.is_superuser and MARKET_CREATORS in groups and EDITORS not in groups:
        approved &= Q(user=user)
    if current_id:
        approved |= Q(pk=current_id)
    return MarketCreator.objects.filter(approved).order_by("name")


def commission_rules_ranked() -> QuerySet[CommissionRule]:
    return CommissionRule.objects.select_related("category", "campaign").order_by(
        "mc_kind", "category__name", "campaign__title"
    )


def month_bounds(period: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first instant of ``period``'s month and of the next, in the site's time zone."""
    first = period.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    start = datetime.datetime.combine(first, datetime.time.min)
    end = datetime.datetime.combine(following, datetime.time.min)
    return timezone.make_aware(start), timezone.make_aware(end)


def payout_payable(*, mc: MarketCreator) -> list[dict]:
    """Months with confirmed, unpaid entries, oldest first, with what paying them would pay."""
    months = defaultdict(lambda: {"gross": 0, "reversals": 0, "withholding": 0, "entries": 0})
    entries = LedgerEntry.objects.filter(
        mc=mc, status=LedgerEntry.Status.CONFIRMED, statement__isnull=True
    ).values_list("created", "kind", "amount", "withholding")
    for created, kind, amount, withholding in entries:
        month = months[timezone.localtime(created).date().replace(day=1)]
        month["gross" if kind == LedgerEntry.Kind.COMMISSION else "reversals"] += amount
        month["withholding"] += withholding
        month["entries"] += 1
    return [
        {"period": period, **v, "net": v["gross"] + v["reversals"] - v["withholding"]}
        for period, v in sorted(months.items())
    ]


def statements_for_mc(*, mc: MarketCreator):
    return mc.statements.order_by("-period", "-paid_at")


def statement_rows(*, statement) -> list[list]:
    """The statement as a table: a header block, then one row per settled ledger entry."""
    from django.utils.translation import gettext as _

    rows = [
        [_("Market Creator"), statement.mc.name, statement.mc.code],
        [_("Period"), statement.period.strftime("%Y-%m")],
        [_("Paid at"), timezone.localtime(statement.paid_at).strftime("%Y-%m-%d %H:%M")],
        [_("Gross commission (KRW)"), statement.gross],
        [_("Reversals (KRW)"), statement.reversals],
        [_("Withholding tax (KRW)"), statement.withholding],
        [_("Net to pay (KRW)"), statement.net],
        [],
        [
            _("Date"),
            _("Order"),
            _("Product"),
            _("Campaign"),
            _("Kind"),
            _("Sale (KRW)"),
            _("Rate (%)"),
            _("Commission (KRW)"),
            _("Withholding tax (KRW)"),
        ],
    ]
    entries = statement.entries.select_related("order_line__order").order_by("created", "pk")
    for entry in entries:
        rows.append(
            [
                timezone.localtime(entry.created).strftime("%Y-%m-%d"),
                entry.order_line.order.number,
                entry.order_line.title,
                entry.campaign_title,
                entry.get_kind_display(),
                entry.base_amount,
                entry.rate,
                entry.amount,
                entry.withholding,
            ]
        )
    return rows


def withholding_report_rows(*, year: int, full_identity: bool) -> list[list]:
    """The annual withholding report (사업소득 원천징수): one row per MC paid in ``year``
    (payout dates in Seoul), with what was paid and withheld. Resident registration and
    account numbers are masked unless ``full_identity``."""
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    end = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
    totals = (
        PayoutStatement.objects.filter(paid_at__gte=start, paid_at__lt=end)
        .values("mc_id")
        .annotate(
            count=Count("pk"),
            gross=Sum("gross"),
            reversals=Sum("reversals"),
            withholding=Sum("withholding"),
            net=Sum("net"),
        )
    )
    by_mc = {row["mc_id"]: row for row in totals}
    mcs = MarketCreator.objects.filter(pk__in=by_mc).select_related("payout_account")
    rows = [
        [
            _("Name"),
            _("Kind"),
            _("MC code"),
            _("Resident registration number"),
            _("Bank"),
            _("Account number"),
            _("Account holder"),
            _("Payouts"),
            _("Paid commission (KRW)"),
            _("Withholding tax (KRW)"),
            _("Net paid (KRW)"),
        ]
    ]
    for mc in sorted(mcs, key=lambda m: m.name):
        total = by_mc[mc.pk]
        account = getattr(mc, "payout_account", None)
        if account is None:
            identity = ["", "", "", ""]
        else:
            identity = [
                account.resident_number_display
                if full_identity
                else account.resident_number_masked,
                account.bank,
                account.account_number if full_identity else account.account_number_masked,
                account.holder,
            ]
        rows.append(
            [
                mc.name,
                mc.get_kind_display(),
                mc.code,
                *identity,
                total["count"],
                total["gross"] + total["reversals"],
                total["withholding"],
                total["net"],
            ]
        )
    return rows
