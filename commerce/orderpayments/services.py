"""Order payment without a gateway: open, confirm the deposit, cancel, expire."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from commerce.checkout.payment import deposit_deadline
from commerce.mc.services import ledger_record_paid_lines, ledger_reverse_lines
from commerce.membership.services import dues_paid_by_order
from commerce.services.services import bookings_confirm_paid, bookings_release_for_order

from .models import OrderPayment, PaymentMethod

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")

AWAITING_DEPOSIT = "Awaiting deposit"
PAY_ON_SITE = "Pay on site"
PAID = "Paid"
CANCELLED = "Cancelled"


def order_payment_open(*, order, method: str) -> OrderPayment:
    deadline = (
        deposit_deadline(order.date_placed) if method == PaymentMethod.BANK_TRANSFER else None
    )
    return OrderPayment.objects.create(order=order, method=method, deadline=deadline)


def order_is_paid(*, order) -> bool:
    return OrderPayment.objects.filter(order=order, paid_at__isnull=False).exists()


def _record_event(*, order, name: str, amount: Decimal, lines) -> None:
    event_type, _created = PaymentEventType.objects.get_or_create(name=name)
    event = PaymentEvent.objects.create(order=order, amount=amount, event_type=event_type)
    for line in lines:
        event.line_quantities.create(line=line, quantity=line.quantity)


def order_payment_confirm(*, order, by) -> OrderPayment:
    """The operator saw the money arrive (or the partner was paid on site): the order is Paid.

    Bookings are confirmed and the MC commission is written; a second call changes nothing.
    """
    with transaction.atomic():
        payment = OrderPayment.objects.select_for_update().get(order=order)
        order = Order.objects.select_for_update().get(pk=order.pk)
        if payment.paid_at is not None:
            return payment
        if payment.cancelled_at is not None or order.status == CANCELLED:
            raise ValueError(_("This order was cancelled."))
        payment.paid_at = timezone.now()
        payment.confirmed_by = by
        payment.save()
        order.set_status(PAID)
        lines = [line for line in order.lines.all() if line.status != CANCELLED]
        for line in lines:
            line.set_status(PAID)
        _record_event(order=order, name="Paid", amount=order.total_incl_tax, lines=lines)
        bookings_confirm_paid(order=order)
        ledger_record_paid_lines(order=order)
        dues_paid_by_order(order=order)
    return payment


def _release_stock(lines) -> None:
    for line in lines:
        if line.stockrecord_id and line.product and line.product.get_product_class().track_stock:
            line.stockrecord.cancel_allocation(line.quantity)


def order_lines_cancel(*, order, lines, refunded: Decimal | None = None) -> None:
    """Cancel some lines: stock goes back, the MC commission is reversed, a refund is recorded."""
    lines = [line for line in lines if line.status != CANCELLED]
    if not lines:
        return
    for line in lines:
        line.set_status(CANCELLED)
    _release_stock(lines)
    ledger_reverse_lines(lines=lines)
    if refunded:
        _record_event(order=order, name="Refunded", amount=refunded, lines=lines)
    if not order.lines.exclude(status=CANCELLED).exists() and order.status != CANCELLED:
        order.set_status(CANCELLED)
        OrderPayment.objects.filter(order=order).update(cancelled_at=timezone.now())


def order_cancel(*, order, reason: str) -> None:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status == CANCELLED:
            return
        paid = order_is_paid(order=order)
        lines = list(order.lines.exclude(status=CANCELLED))
        bookings_release_for_order(order=order, reason=reason)
        for line in lines:
            line.set_status(CANCELLED)
        _release_stock(lines)
        ledger_reverse_lines(lines=lines)
        if paid:
            _record_event(
                order=order,
                name="Refunded",
                amount=sum((line.line_price_incl_tax for line in lines), Decimal(0)),
                lines=lines,
            )
        order.set_status(CANCELLED)
        OrderPayment.objects.filter(order=order).update(cancelled_at=timezone.now())


def orders_expire(*, now: datetime.datetime | None = None) -> list[str]:
    """Cancel bank-transfer orders whose deposit deadline has passed, freeing stock and places."""
    now = now or timezone.now()
    overdue = Order.objects.filter(
        status=AWAITING_DEPOSIT,
        payment__method=PaymentMethod.BANK_TRANSFER,
        payment__paid_at__isnull=True,
        payment__deadline__lt=now,
    )
    numbers = []
    for order in overdue:
        order_cancel(order=order, reason=_("No deposit before the deadline"))
        numbers.append(order.number)
    return numbers
