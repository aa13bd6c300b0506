"""Stock is checked under row locks when an order is placed: never below zero."""

from collections import Counter

from django.utils.translation import gettext as _
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")


class StockShortage(Exception):
    """Not enough stock left; the message is for the customer."""


def stock_lock_for_basket(*, basket) -> None:
    wanted = Counter()
    for line in basket.all_lines():
        if line.stockrecord_id and line.product.get_product_class().track_stock:
            wanted[line.stockrecord_id] += line.quantity
    if not wanted:
        return
    # Locks are taken in primary-key order, as Oscar allocates, so placements cannot deadlock.
    for record in (
        StockRecord.objects.select_for_update()
        .filter(pk__in=wanted)
        .order_by("pk")
        .select_related("product")
    ):
        left = (record.num_in_stock or 0) - (record.num_allocated or 0)
        if wanted[record.pk] > left:
            raise StockShortage(
                _("Sorry, only %(left)s of %(title)s left. Please change your basket.")
                % {"left": max(left, 0), "title": record.product.get_title()}
            )
