"""Reads about what a customer still owes on an order, for the order pages."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from .models import OrderPayment, PaymentMethod

CANCELLED = "Cancelled"


@dataclass(frozen=True)
class PaymentSummary:
    awaiting_deposit: bool
    amount_due: Decimal
    deadline: object
    bank_account: dict
    cancelled_lines: list
    refunded: Decimal


def order_payment_summary(*, order) -> PaymentSummary:
    """While an order waits for a bank transfer its total is the amount to transfer (line
    cancellations lower it); once paid, cancelled lines are refunded instead."""
    payment = getattr(order, "payment", None)
    awaiting = (
        payment is not None
        and payment.method == PaymentMethod.BANK_TRANSFER
        and payment.paid_at is None
        and payment.cancelled_at is None
        and order.status != CANCELLED
    )
    refunded = sum(
        (e.amount for e in order.payment_events.all() if e.event_type.name == "Refunded"),
        Decimal(0),
    )
    return PaymentSummary(
        awaiting_deposit=awaiting,
        amount_due=order.total_incl_tax if awaiting else Decimal(0),
        deadline=payment.deadline if payment is not None else None,
        bank_account=settings.THECEN_BANK_ACCOUNT,
        cancelled_lines=[line for line in order.lines.all() if line.status == CANCELLED],
        refunded=refunded,
    )


def deposits_awaiting(*, q: str = "", amount: Decimal | None = None):
    """Bank transfers still to arrive, soonest deadline first; ``q`` finds a depositor's or
    customer's name, an order number or an e-mail, ``amount`` the exact sum to transfer."""
    payments = (
        OrderPayment.objects.filter(
            method=PaymentMethod.BANK_TRANSFER, paid_at__isnull=True, cancelled_at__isnull=True
        )
        .exclude(order__status=CANCELLED)
        .select_related("order", "order__user")
        .order_by("deadline", "pk")
    )
    q = " ".join(q.split())
    if q:
        payments = payments.filter(
            Q(depositor_name__icontains=q)
            | Q(order__number__icontains=q)
            | Q(order__guest_email__icontains=q)
            | Q(order__user__email__icontains=q)
            | Q(order__user__last_name__icontains=q)
            | Q(order__user__first_name__icontains=q)
            | Q(order__shipping_address__first_name__icontains=q)
        )
    if amount is not None:
        payments = payments.filter(order__total_incl_tax=amount)
    return payments
