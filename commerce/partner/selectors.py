"""Which listings the public may see: a suspended partner's goods and services are hidden.

A product is hidden when it has stock records (its own or its variants') and every one of them
belongs to a suspended partner. Nothing is deleted: lifting the suspension shows them again.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")


def _records_of_product(*, suspended: bool):
    return StockRecord.objects.filter(
        Q(product_id=OuterRef("pk")) | Q(product__parent_id=OuterRef("pk")),
        partner__suspended_at__isnull=not suspended,
    )


def products_listed(queryset: QuerySet) -> QuerySet:
    """The products of ``queryset`` that are not hidden by a partner's suspension."""
    return queryset.exclude(
        Exists(_records_of_product(suspended=True)) & ~Exists(_records_of_product(suspended=False))
    )


def product_is_listed(product) -> bool:
    return products_listed(type(product).objects.filter(pk=product.pk)).exists()
