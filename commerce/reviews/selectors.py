"""Reads about reviews: who may write one, and the numbers shown beside a product."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Avg, Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from commerce.bookings.models import Booking
from commerce.fulfilment.states import State
from commerce.orderpayments.methods import CANCELLED

from .models import ProductReview, ReviewAnswer

Line = get_model("order", "Line")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

# Line statuses that mean the customer no longer has the thing (cancelled before or after
# payment; the refund statuses a return may add). A line in any of them gives no right to review.
NOT_PURCHASED_LINE_STATUSES = (CANCELLED, "Refunded", "Returned")


def paid_lines(*, user, product):
    """The order lines of ``product`` (or of one of its variants) that ``user`` paid for.

    On an order of this user that was paid (OrderPayment.paid_at set), neither the line nor
    the order cancelled or refunded. Paying is not yet enough to review: see ``purchased_lines``.
    """
    return (
        Line.objects.filter(order__user=user, order__payment__paid_at__isnull=False)
        .filter(models.Q(product_id=product.pk) | models.Q(product__parent_id=product.pk))
        .exclude(status__in=NOT_PURCHASED_LINE_STATUSES)
        .exclude(order__status__in=NOT_PURCHASED_LINE_STATUSES)
    )


def purchased_lines(*, user, product):
    """The order lines that make ``user`` a buyer of ``product``, the one rule written once:
    a paid line (``paid_lines``) whose purchase is confirmed (구매확정), by the customer or by
    the daily job after delivery. A line on its way, delivered, or returned gives no right yet.
    """
    return paid_lines(user=user, product=product).filter(fulfilment__state=State.CONFIRMED)


def completed_bookings(*, user, product):
    """Bookings of this service by ``user`` that were confirmed and whose time has come."""
    return Booking.objects.filter(
        user=user,
        slot__service__product=product,
        status=Booking.Status.CONFIRMED,
        slot__starts_at__lte=timezone.now(),
    )


def review_eligible(user, product) -> bool:
    """May ``user`` review ``product`` at all (ignoring a review already written)?

    A signed-in customer who bought it (``purchased_lines``) or, for a service, whose booking
    of it took place (``completed_bookings``). Every check of the right to review reads this.
    """
    if user is None or not user.is_authenticated:
        return False
    return (
        purchased_lines(user=user, product=product).exists()
        or completed_bookings(user=user, product=product).exists()
    )


def review_refusal(user, product) -> str | None:
    """Why ``user`` may not write a review of ``product`` now, in words; None if they may."""
    if user is None or not user.is_authenticated:
        return str(_("Please sign in to write a review."))
    if ProductReview.objects.filter(product=product, user=user).exists():
        return str(_("You have already reviewed this product."))
    if not review_eligible(user, product):
        if paid_lines(user=user, product=product).exists():
            return str(_("You can write a review once you have confirmed the purchase."))
        return str(_("Only customers who bought this product or used this service can review it."))
    return None


def may_review(user, product) -> bool:
    return review_refusal(user, product) is None


@dataclass(frozen=True)
class ReviewSummary:
    average: float | None
    count: int


def review_summaries(product_ids) -> dict[int, ReviewSummary]:
    """Average stars and number of approved reviews per product, in one query."""
    rows = (
        ProductReview.objects.approved()
        .filter(product_id__in=list(product_ids))
        .values("product_id")
        .annotate(average=Avg("score"), count=Count("pk"))
        .order_by()
    )
    return {
        row["product_id"]: ReviewSummary(round(float(row["average"]), 1), row["count"])
        for row in rows
    }


def review_counts_attach(products) -> None:
    """Set ``num_approved_reviews`` (Oscar's cached property) on each product, in one query,
    so a page of product cards shows each count without asking once per card."""
    products = list(products)
    if not products:
        return
    summaries = review_summaries(p.pk for p in products)
    for product in products:
        summary = summaries.get(product.pk)
        product.num_approved_reviews = summary.count if summary else 0


def product_sold_by(*, product, partners) -> bool:
    """Does one of ``partners`` sell ``product`` (or one of its variants)?"""
    return (
        StockRecord.objects.filter(partner__in=partners)
        .filter(models.Q(product=product) | models.Q(product__parent=product))
        .exists()
    )


def partner_reviews(*, partners):
    """Reviews of the products these partners sell (the approved ones), newest first."""
    own = StockRecord.objects.filter(partner__in=partners, product=OuterRef("product"))
    own_parent = StockRecord.objects.filter(
        partner__in=partners, product__parent=OuterRef("product")
    )
    return (
        ProductReview.objects.approved()
        .filter(Exists(own) | Exists(own_parent))
        .select_related("product", "user", "answer")
        .prefetch_related("photos")
        .order_by("-date_created")
    )


def order_review_urls(*, user, rows) -> dict[int, str]:
    """For the customer's order page: line id → the "write a review" address, for each
    구매확정 line whose product ``user`` has not reviewed yet. Two queries whatever the lines."""
    if user is None or not user.is_authenticated:
        return {}
    lines = [row.line for row in rows if row.state == State.CONFIRMED and row.line.product_id]
    if not lines:
        return {}
    # a variant is reviewed as its parent product
    reviewed_ids = {line.product.parent_id or line.product_id for line in lines}
    products = {
        p.pk: p for p in Product.objects.filter(pk__in=reviewed_ids).only("pk", "slug", "is_public")
    }
    done = set(
        ProductReview.objects.filter(user=user, product_id__in=reviewed_ids).values_list(
            "product_id", flat=True
        )
    )
    urls = {}
    for line in lines:
        product = products.get(line.product.parent_id or line.product_id)
        if product is None or not product.is_public or product.pk in done:
            continue
        urls[line.pk] = reverse(
            "catalogue:reviews-add", kwargs={"product_slug": product.slug, "product_pk": product.pk}
        )
    return urls


def answer_of(review) -> ReviewAnswer | None:
    try:
        return review.answer
    except ReviewAnswer.DoesNotExist:
        return None
