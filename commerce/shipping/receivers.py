"""An order placed: remember what each partner charged for shipping (Oscar's order_placed)."""

from django.dispatch import receiver
from oscar.apps.order.signals import order_placed

from .services import order_shipping_charges_record


@receiver(order_placed, dispatch_uid="shipping.order_placed")
def record_partner_shipping(*, order, **kwargs):
    order_shipping_charges_record(order=order)
