"""Reads about what a customer still owes on an order, for the order pages."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from .models import PaymentMethod

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
