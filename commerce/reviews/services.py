"""Writes about reviews: a buyer's review, a partner's answer."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import ProductReview, ReviewAnswer, ReviewPhoto
from .selectors import product_sold_by, review_refusal


class ReviewRefused(Exception):
    """The review or answer was not saved; the message says why, in the reader's language."""


def review_create(*, user, product, score: int, title: str, body: str, photos=()) -> ProductReview:
    """A buyer's review, waiting for moderation when OSCAR_MODERATE_REVIEWS is on.

    The right to review is checked again here (``review_refusal``); two submissions at once
    meet the (product, user) unique constraint, and the second is refused, not doubled.
    """
    refusal = review_refusal(user, product)
    if refusal:
        raise ReviewRefused(refusal)
    try:
        with transaction.atomic():
            review = ProductReview(
                product=product, user=user, score=score, title=title.strip(), body=body.strip()
            )
            review.save()
            for order, image in enumerate(photos):
                ReviewPhoto.objects.create(review=review, image=image, display_order=order)
    except IntegrityError:
        raise ReviewRefused(_("You have already reviewed this product.")) from None
    return review


def review_answer_save(*, review: ProductReview, user, body: str) -> ReviewAnswer:
    """The partner's one public answer to a review of its own product (saving again edits it)."""
    partners = list(user.partners.all()) if user.is_authenticated else []
    if not partners or not product_sold_by(product=review.product, partners=partners):
        raise ReviewRefused(_("You can only answer reviews of your own products."))
    body = body.strip()
    if not body:
        raise ReviewRefused(_("Please write an answer."))
    partner = next(p for p in partners if product_sold_by(product=review.product, partners=[p]))
    with transaction.atomic():
        answer, _created = ReviewAnswer.objects.select_for_update().update_or_create(
            review=review, defaults={"partner": partner, "author": user, "body": body}
        )
    return answer
