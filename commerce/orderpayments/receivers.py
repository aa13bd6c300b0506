"""The customer hears when an unpaid order runs out of time (orders_expire cancels it)."""

from django.dispatch import receiver
from django.utils import timezone
from oscar.core.loading import get_model

from . import signals
from .methods import PaymentMethod
from .models import OrderPayment
from .services import order_send_expired

Order = get_model("order", "Order")


@receiver(signals.order_cancelled, dispatch_uid="orderpayments.order_expired_mail")
def mail_expired(*, order, refunded, **kwargs):
    payment = OrderPayment.objects.filter(order=order).first()
    expired = (
        not refunded
        and payment is not None
        and payment.method == PaymentMethod.BANK_TRANSFER
        and payment.paid_at is None
        and payment.deadline is not None
        and payment.deadline < timezone.now()
    )
    if expired:
        order_send_expired(order=order)


@receiver(signals.orders_cancelled, dispatch_uid="orderpayments.orders_expired_mail")
def mail_expired_batch(*, order_ids, refunded=False, **kwargs):
    """The daily expiry cancels unpaid orders a batch at a time: each customer hears of theirs."""
    if refunded:
        return
    for order in Order.objects.filter(pk__in=order_ids).select_related("user"):
        order_send_expired(order=order)  # skips an order with no address
