"""Orders placed at a given moment, paid or not, through Oscar's order creator."""

import datetime

from django.utils import timezone
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from commerce.mc.models import OrderAttribution
from commerce.orderpayments.models import OrderPayment

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Selector = get_class("partner.strategy", "Selector")

SEOUL = datetime.timezone(datetime.timedelta(hours=9))


def sale(*items, user=None, at: datetime.datetime, paid: bool = True, mc=None, campaign=""):
    """An order of (product, quantity) items placed ``at``; paid by transfer if ``paid``."""
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy()
    for product, quantity in items:
        basket.add_product(product, quantity)
    order = create_order(basket=basket, user=user)
    Order.objects.filter(pk=order.pk).update(date_placed=at)
    OrderPayment.objects.create(
        order=order, method="bank-transfer", paid_at=timezone.now() if paid else None
    )
    if mc is not None:
        OrderAttribution.objects.create(order=order, mc=mc, campaign_title=campaign, clicked_at=at)
    return order
