"""Stars and the right to review, for our templates (Oscar's ``reviews_tags`` stays Oscar's)."""

import math

from django import template
from django.utils.translation import gettext as _

from commerce.reviews.selectors import may_review, order_review_urls

register = template.Library()


@register.filter
def may_write_review(product, user):
    """Show "write a review" only to whom the review form would accept.

    A product page asks twice (beside the stars and above the reviews): the answer is kept
    on the product for the request, so the right is read once.
    """
    if not product:
        return False
    answers = product.__dict__.setdefault("_may_write_review", {})
    key = getattr(user, "pk", None)
    if key not in answers:
        answers[key] = may_review(user, product)
    return answers[key]


@register.simple_tag
def order_review_urls_of(rows, user):
    """Line id → "write a review" address for the 구매확정 lines of the customer's order."""
    return order_review_urls(user=user, rows=rows)


@register.filter
def review_url_of(urls, line_id):
    return (urls or {}).get(line_id, "")


@register.filter
def stars(value) -> str:
    """★★★★☆ for 4 (or 3.6): the stars a reader sees, half a star and up rounding up."""
    filled = max(0, min(5, math.floor(float(value or 0) + 0.5)))
    return "★" * filled + "☆" * (5 - filled)


@register.inclusion_tag("oscar/catalogue/reviews/partials/rating.html")
def rating(product, *, compact=False):
    """Average and count of approved reviews. The count comes from ``review_counts_attach``
    when the page prepared it, otherwise from Oscar's one query."""
    count = product.num_approved_reviews if product.rating is not None else 0
    average = round(product.rating, 1) if count else None
    return {
        "product": product,
        "average": average,
        "count": count,
        "compact": compact,
        "label": _("Rated %(average)s out of 5 by %(count)s customers")
        % {"average": average, "count": count}
        if count
        else "",
    }
