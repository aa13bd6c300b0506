"""Bookings follow their order's money (signals from orderpayments, sent under its locks)."""

from django.dispatch import receiver

from commerce.orderpayments import signals

from .services import (
    bookings_confirm_paid,
    bookings_release_for_lines,
    bookings_release_for_order,
    bookings_release_for_orders,
)


@receiver(signals.order_paid, dispatch_uid="bookings.order_paid")
def confirm_paid_bookings(*, order, **kwargs):
    bookings_confirm_paid(order=order)


@receiver(signals.order_lines_cancelled, dispatch_uid="bookings.order_lines_cancelled")
def release_cancelled_lines(*, lines, actor, reason, refunded, **kwargs):
    bookings_release_for_lines(lines=lines, by=actor, reason=reason, refunded=refunded)


@receiver(signals.order_cancelled, dispatch_uid="bookings.order_cancelled")
def release_cancelled_order(*, order, reason, **kwargs):
    bookings_release_for_order(order=order, reason=reason)


@receiver(signals.orders_cancelled, dispatch_uid="bookings.orders_cancelled")
def release_cancelled_orders(*, order_ids, reason, **kwargs):
    bookings_release_for_orders(order_ids=order_ids, reason=reason)
