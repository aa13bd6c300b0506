"""Refunds at PortOne when orderpayments cancels lines or orders that were paid through it,
and a last look at virtual accounts before their orders expire."""

from decimal import Decimal

from django.dispatch import receiver

from commerce.orderpayments import signals
from commerce.orderpayments.models import OrderPayment

from .services import portone_deposits_check, portone_refund


@receiver(signals.order_lines_cancelled, sender=OrderPayment)
def refund_cancelled_lines(sender, order, lines, refunded=False, reason="", **kwargs):
    if refunded:
        amount = sum((line.line_price_incl_tax for line in lines), Decimal(0))
        portone_refund(order=order, amount=amount, reason=reason)


@receiver(signals.order_cancelled, sender=OrderPayment)
def refund_cancelled_order(sender, order, refunded=False, reason="", **kwargs):
    if refunded:
        portone_refund(order=order, amount=None, reason=reason)


# A return accepted after delivery (commerce.orderpayments.refunds): refund that part at PortOne.
@receiver(signals.order_line_refunded, sender=OrderPayment, dispatch_uid="portone.line_refunded")
def refund_returned_line(sender, order, amount, reason="", **kwargs):
    portone_refund(order=order, amount=Decimal(amount), reason=reason)


@receiver(signals.deposits_due, sender=OrderPayment, dispatch_uid="portone.deposits_due")
def check_virtual_accounts(sender, order_ids, **kwargs) -> set[int]:
    return portone_deposits_check(order_ids=order_ids)
