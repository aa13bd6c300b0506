"""What an MC sees: clicks, orders, revenue and commission, by month and by campaign."""

from collections import defaultdict

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from .models import Click, LedgerEntry, MarketCreator, OrderAttribution


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
        .values("month", "campaign", "status")
        .annotate(amount=Sum("amount"), base=Sum("base_amount"), withholding=Sum("withholding"))
    )
    for entry in ledger:
        row = rows[(entry["month"], entry["campaign"])]
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
