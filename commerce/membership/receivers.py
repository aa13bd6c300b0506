"""Dues invoices are settled by the order that paid them (a signal from orderpayments)."""

from django.dispatch import receiver

from commerce.orderpayments import signals

from .services import dues_paid_by_order


@receiver(signals.order_paid, dispatch_uid="membership.order_paid")
def settle_dues(*, order, **kwargs):
    dues_paid_by_order(order=order)
