"""Which orders a dashboard user may see."""

from django.db.models import Exists, OuterRef
from oscar.core.loading import get_model

Line = get_model("order", "Line")
Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")


def orders_for_user(user):
    """Every order for staff; for a partner, the orders with at least one of its lines.

    Oscar joins the lines and de-duplicates whole order rows (``DISTINCT`` over every column,
    after reading all of the partner's lines); a semi-join (``EXISTS``) answers the same
    question from the ``order_line (partner_id, order_id)`` index and keeps one row per order,
    so the list can stop at its page.
    """
    queryset = Order._default_manager.select_related(
        "billing_address",
        "billing_address__country",
        "shipping_address",
        "shipping_address__country",
        "user",
    ).prefetch_related("lines", "status_changes")
    if user.is_staff:
        return queryset
    # The partner ids as values (one small query), not a subquery: the planner then knows
    # from its statistics how many lines the partner has and picks the index for a small
    # share, instead of guessing a fifth of the table for "some partner".
    partners = list(Partner._default_manager.filter(users=user).values_list("pk", flat=True))
    own_lines = Line._default_manager.filter(order=OuterRef("pk"), partner_id__in=partners)
    return queryset.filter(Exists(own_lines))
