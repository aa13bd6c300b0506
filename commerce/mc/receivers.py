"""Commission follows the order's money (signals from orderpayments, sent under its locks)."""

from django.dispatch import receiver

from commerce.orderpayments import signals

from .services import ledger_record_paid_lines, ledger_reverse_lines


@receiver(signals.order_paid, dispatch_uid="mc.order_paid")
def record_commission(*, order, **kwargs):
    ledger_record_paid_lines(order=order)


@receiver(signals.order_lines_cancelled, dispatch_uid="mc.order_lines_cancelled")
@receiver(signals.order_cancelled, dispatch_uid="mc.order_cancelled")
@receiver(signals.orders_cancelled, dispatch_uid="mc.orders_cancelled")
def reverse_commission(*, lines, **kwargs):
    ledger_reverse_lines(lines=lines)


@receiver(signals.order_line_refunded, dispatch_uid="mc.order_line_refunded")
def reverse_refunded_commission(*, line, **kwargs):
    ledger_reverse_lines(lines=[line])
