"""Writes for shipping: a partner's policy, and what an order charged each partner."""

from __future__ import annotations

import logging

from django.db import transaction

from .models import OrderShippingCharge, ShippingPolicy
from .selectors import order_charges, won

logger = logging.getLogger(__name__)


def shipping_policy_save(*, partner, data: dict) -> ShippingPolicy:
    policy, _created = ShippingPolicy.objects.update_or_create(partner=partner, defaults=data)
    return policy


def order_shipping_charges_record(*, order) -> list[OrderShippingCharge]:
    """Write, once, what each partner charged for shipping in ``order``.

    The rules are those that priced the checkout a moment ago; if an operator changed a policy
    in between, the order's own shipping total wins and the difference goes to the first
    partner's row, so the rows always add up to what the customer paid.
    """
    charges = [c for c in order_charges(order=order)]
    paid = won(order.shipping_incl_tax)
    rows = [
        OrderShippingCharge(
            order=order,
            partner_id=c.partner_id,
            base=c.base,
            surcharge=c.surcharge,
            extra=c.extra,
            amount=c.amount,
        )
        for c in charges
    ]
    difference = paid - sum(r.amount for r in rows)
    if rows and difference:
        logger.warning("shipping: order %s charged %s won off the rules", order.number, difference)
        rows[0].base += difference
        rows[0].amount += difference
    with transaction.atomic():
        return OrderShippingCharge.objects.bulk_create(rows, ignore_conflicts=True)
