"""Order payment without a gateway: open, confirm the deposit, cancel, expire."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce, Least
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from oscar.apps.order.signals import order_line_status_changed, order_status_changed
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from commerce.core.mail import mail_send

from . import signals, tasks
from .methods import (
    AWAITING_DEPOSIT,
    CANCELLED,
    PAID,
    PaymentMethod,
    deposit_deadline,
)
from .models import OrderPayment

Line = get_model("order", "Line")
Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")
StockAlert = get_model("partner", "StockAlert")
StockRecord = get_model("partner", "StockRecord")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")


def order_payment_open(
    *,
    order,
    method: str,
    deadline: datetime.datetime | None = None,
    depositor_name: str = "",
) -> OrderPayment:
    """``deadline``: when a deposit is due other than by our bank-transfer rule (a virtual
    account's expiry, set by the payment company). ``depositor_name``: the name the shopper
    will transfer under (bank transfer only), for the deposits desk to match."""
    if deadline is None and method == PaymentMethod.BANK_TRANSFER:
        deadline = deposit_deadline(order.date_placed)
    if method != PaymentMethod.BANK_TRANSFER:
        depositor_name = ""
    return OrderPayment.objects.create(
        order=order,
        method=method,
        deadline=deadline,
        depositor_name=" ".join(depositor_name.split())[:50],
    )


def order_is_paid(*, order) -> bool:
    return OrderPayment.objects.filter(order=order, paid_at__isnull=False).exists()


def _record_event(*, order, name: str, amount: Decimal, lines) -> None:
    event_type, _created = PaymentEventType.objects.get_or_create(name=name)
    event = PaymentEvent.objects.create(order=order, amount=amount, event_type=event_type)
    for line in lines:
        event.line_quantities.create(line=line, quantity=line.quantity)


def order_payment_confirm(*, order, by, expected_amount: Decimal | None = None) -> OrderPayment:
    """The operator saw the money arrive (or the partner was paid on site): the order is Paid.

    Bookings are confirmed and the MC commission is written; a second call changes nothing.
    ``expected_amount`` is the amount the operator saw on the deposits page: if a line was
    cancelled since, the amount due changed and the confirmation is refused.
    Locks: the order row first, then its payment, like every write on an order here.
    """
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        payment = OrderPayment.objects.select_for_update().get(order=order)
        if payment.paid_at is not None:
            return payment
        if payment.cancelled_at is not None or order.status == CANCELLED:
            raise ValueError(_("This order was cancelled."))
        if expected_amount is not None and expected_amount != order.total_incl_tax:
            raise ValueError(
                _(
                    "The amount due for order %(number)s is now %(amount)s: "
                    "please check the deposit against it."
                )
                % {"number": order.number, "amount": _krw(order.total_incl_tax, order)}
            )
        payment.paid_at = timezone.now()
        payment.confirmed_by = by
        payment.save()
        order.set_status(PAID)
        lines = [line for line in order.lines.all() if line.status != CANCELLED]
        for line in lines:
            line.set_status(PAID)
        _record_event(order=order, name="Paid", amount=order.total_incl_tax, lines=lines)
        source = order.sources.first()
        if source is not None:
            source.debit(order.total_incl_tax, reference=_("Deposit confirmed"))
        signals.order_paid.send(sender=OrderPayment, order=order, lines=lines)
    return payment


def _release_stock(lines) -> None:
    for line in lines:
        if line.stockrecord_id and line.product and line.product.get_product_class().track_stock:
            line.stockrecord.cancel_allocation(line.quantity)


def _krw(amount: Decimal, order) -> str:
    return currency(amount, order.currency)


@dataclass(frozen=True)
class LinesCancelled:
    """What a line cancellation changed: nothing (a repeat), or the lines and the money."""

    lines: list = field(default_factory=list)
    amount: Decimal = Decimal(0)
    refunded: bool = False
    amount_due: Decimal | None = None
    order_cancelled: bool = False


def order_lines_cancel(
    *, order, lines, by=None, actor: str = "system", reason: str = ""
) -> LinesCancelled:
    """Cancel some lines of an order, under a lock on the order row.

    Unpaid (awaiting deposit or on site): the order totals and the payment source's
    ``amount_allocated`` drop by the lines' price, so the amount to transfer is the new total.
    Paid: the totals stay (they are what was paid) and a refund is recorded (payment event and
    a refund transaction on the source). Either way stock or booked places go back, the MC
    commission is reversed, a note is written and the customer is emailed. Lines already
    cancelled are skipped, so a repeated request changes nothing; the last live line
    cancels the order.
    """
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        payment = OrderPayment.objects.select_for_update().filter(order=order).first()
        lines = list(
            order.lines.select_for_update(of=("self",))
            .filter(pk__in=[line.pk for line in lines])
            .exclude(status=CANCELLED)
            .select_related("stockrecord", "product__product_class")
            .order_by("pk")
        )
        if not lines or order.status == CANCELLED:
            return LinesCancelled()
        paid = payment is not None and payment.paid_at is not None
        amount = sum((line.line_price_incl_tax for line in lines), Decimal(0))
        before = order.total_incl_tax
        for line in lines:
            line.set_status(CANCELLED)
        _release_stock(lines)
        signals.order_lines_cancelled.send(
            sender=OrderPayment, order=order, lines=lines, actor=actor, reason=reason, refunded=paid
        )
        source = order.sources.first()
        if paid:
            _record_event(order=order, name="Refunded", amount=amount, lines=lines)
            if source is not None:
                source.refund(amount, reference=_("Lines cancelled"))
        else:
            order.total_incl_tax -= amount
            order.total_excl_tax -= sum((line.line_price_excl_tax for line in lines), Decimal(0))
            order.save(update_fields=["total_incl_tax", "total_excl_tax"])
            if source is not None:
                source.amount_allocated = max(source.amount_allocated - amount, Decimal(0))
                source.save(update_fields=["amount_allocated"])
        order_cancelled = not order.lines.exclude(status=CANCELLED).exists()
        if order_cancelled:
            order.set_status(CANCELLED)
            if payment is not None:
                payment.cancelled_at = timezone.now()
                payment.save(update_fields=["cancelled_at"])
        result = LinesCancelled(
            lines=lines,
            amount=amount,
            refunded=paid,
            amount_due=None if paid or order_cancelled else order.total_incl_tax,
            order_cancelled=order_cancelled,
        )
        note = _lines_cancelled_message(order=order, result=result, before=before)
        if reason:
            note += " " + _("Reason: %(reason)s") % {"reason": reason}
        order.notes.create(user=by, note_type="System", message=note)
        transaction.on_commit(
            lambda: order_send_lines_cancelled(order=order, result=result, reason=reason)
        )
    return result


def _described(result: LinesCancelled, order) -> str:
    return _("Cancelled: %(lines)s (%(amount)s).") % {
        "lines": ", ".join(f"{line.title} × {line.quantity}" for line in result.lines),
        "amount": _krw(result.amount, order),
    }


def _lines_cancelled_message(*, order, result: LinesCancelled, before: Decimal) -> str:
    """The order note the operator and the partners read in the dashboard."""
    parts = [_described(result, order)]
    if result.order_cancelled:
        parts.append(_("No items are left: the order is cancelled."))
    if result.refunded:
        parts.append(_("Refund due: %(amount)s.") % {"amount": _krw(result.amount, order)})
    elif result.amount_due is not None:
        parts.append(
            _("Amount to transfer: %(before)s → %(after)s.")
            % {"before": _krw(before, order), "after": _krw(result.amount_due, order)}
        )
    return " ".join(parts)


def order_send_lines_cancelled(*, order, result: LinesCancelled, reason: str = "") -> None:
    """Tell the customer which items were cancelled and what they now pay or get back."""
    if not order.email:
        return
    parts = [
        _("Some items of your order %(number)s were cancelled.") % {"number": order.number},
        _described(result, order),
    ]
    if reason:
        parts.append(_("Reason: %(reason)s") % {"reason": reason})
    if result.order_cancelled:
        parts.append(_("No items are left, so your order is cancelled."))
    payment = getattr(order, "payment", None)
    if result.refunded:
        parts.append(
            _("%(amount)s will be refunded to you.") % {"amount": _krw(result.amount, order)}
        )
    elif result.amount_due is not None and payment and payment.method == PaymentMethod.ON_SITE:
        parts.append(
            _("You now pay %(amount)s on site.") % {"amount": _krw(result.amount_due, order)}
        )
    elif result.amount_due is not None:
        deadline = payment.deadline if payment is not None else None
        account = settings.THECEN_BANK_ACCOUNT
        parts.append(
            _(
                "Please transfer %(amount)s instead of the earlier total, before %(deadline)s, "
                "to %(bank)s %(account)s (%(holder)s)."
            )
            % {
                "amount": _krw(result.amount_due, order),
                "deadline": date_format(timezone.localtime(deadline), "DATETIME_FORMAT")
                if deadline
                else "—",
                "bank": account["bank"],
                "account": account["number"],
                "holder": account["holder"],
            }
        )
    mail_send(
        subject=_("Your order %(number)s has changed") % {"number": order.number},
        body="\n\n".join(parts),
        to=[order.email],
    )


def order_cancel(*, order, reason: str) -> None:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        OrderPayment.objects.select_for_update().filter(order=order).first()
        if order.status == CANCELLED:
            return
        paid = order_is_paid(order=order)
        lines = list(order.lines.exclude(status=CANCELLED))
        for line in lines:
            line.set_status(CANCELLED)
        _release_stock(lines)
        signals.order_cancelled.send(
            sender=OrderPayment, order=order, lines=lines, reason=reason, refunded=paid
        )
        if paid:
            _record_event(
                order=order,
                name="Refunded",
                amount=sum((line.line_price_incl_tax for line in lines), Decimal(0)),
                lines=lines,
            )
        order.set_status(CANCELLED)
        OrderPayment.objects.filter(order=order).update(cancelled_at=timezone.now())


EXPIRE_BATCH = 500


def orders_expire(
    *, now: datetime.datetime | None = None, batch_size: int = EXPIRE_BATCH
) -> list[str]:
    """Cancel unpaid bank-transfer and virtual-account orders whose deadline has passed,
    freeing stock and places.

    Virtual accounts live at the payment company: its app is asked first (``deposits_due``,
    outside any lock), and an order it reports paid, or could not ask about, stays as it is.
    Then, in batches of ``batch_size`` orders, each in its own transaction with a fixed number
    of queries whatever the batch holds (see :func:`_orders_expire_batch`). An order another
    request holds locked (a deposit being confirmed right now) is skipped, not waited for: the
    next run sees it again if it is still unpaid.
    """
    now = now or timezone.now()
    overdue = Order.objects.filter(
        status=AWAITING_DEPOSIT,
        payment__method__in=[PaymentMethod.BANK_TRANSFER, PaymentMethod.VIRTUAL_ACCOUNT],
        payment__paid_at__isnull=True,
        payment__deadline__lt=now,
    ).order_by("pk")
    accounts = list(
        overdue.filter(payment__method=PaymentMethod.VIRTUAL_ACCOUNT).values_list("pk", flat=True)
    )
    if accounts:
        held: set[int] = set()
        for _receiver, answer in signals.deposits_due.send(sender=OrderPayment, order_ids=accounts):
            held |= set(answer or ())
        if held:
            overdue = overdue.exclude(pk__in=held)
    numbers: list[str] = []
    last = 0
    while True:
        with transaction.atomic():
            batch = list(
                overdue.filter(pk__gt=last)
                .select_for_update(skip_locked=True, of=("self",))
                .only("pk", "number", "status")[:batch_size]
            )
            if not batch:
                return numbers
            last = batch[-1].pk
            numbers += _orders_expire_batch(batch, reason=_("No deposit before the deadline"))


def _cancellable_line_statuses() -> list[str]:
    pipeline = settings.OSCAR_LINE_STATUS_PIPELINE
    return [status for status, nexts in pipeline.items() if CANCELLED in nexts]


def _orders_expire_batch(orders, *, reason: str) -> list[str]:
    """Cancel these locked, unpaid orders together. Queries, whatever their number: lock and
    re-check the payments, read the live lines, then one UPDATE each for lines, orders,
    payments and stock, one INSERT of status changes, one UPDATE of stock alerts, and the
    ``orders_cancelled`` receivers (bookings, commission, search) once for the batch."""
    unpaid = set(
        OrderPayment.objects.select_for_update()
        .filter(order__in=[o.pk for o in orders], paid_at__isnull=True)
        .values_list("order_id", flat=True)
    )
    orders = [order for order in orders if order.pk in unpaid]
    if not orders:
        return []
    ids = [order.pk for order in orders]
    lines = list(
        Line.objects.filter(order_id__in=ids, status__in=_cancellable_line_statuses())
        .select_related(
            "order", "stockrecord", "product__product_class", "product__parent__product_class"
        )
        .order_by("pk")
    )
    Line.objects.filter(pk__in=[line.pk for line in lines]).update(status=CANCELLED)
    Order.objects.filter(pk__in=ids).update(status=CANCELLED)
    OrderStatusChange.objects.bulk_create(
        OrderStatusChange(order=order, old_status=order.status, new_status=CANCELLED)
        for order in orders
    )
    OrderPayment.objects.filter(order_id__in=ids).update(cancelled_at=timezone.now())
    _release_stock_bulk(lines)
    # Oscar's own per-object signals, as set_status sends them (nothing here listens).
    for line in lines:
        old, line.status = line.status, CANCELLED
        order_line_status_changed.send(sender=line, line=line, old_status=old, new_status=CANCELLED)
    for order in orders:
        old, order.status = order.status, CANCELLED
        order_status_changed.send(sender=order, order=order, old_status=old, new_status=CANCELLED)
    signals.orders_cancelled.send(
        sender=OrderPayment, order_ids=ids, lines=lines, reason=reason, refunded=False
    )
    return [order.number for order in orders]


def _release_stock_bulk(lines) -> None:
    """What ``_release_stock`` does line by line, in one UPDATE (and one for the low-stock
    alerts it may close); customers' back-in-stock mails go to the task worker."""
    quantities: dict[int, int] = defaultdict(int)
    products = set()
    for line in lines:
        if line.stockrecord_id and line.product and line.product.get_product_class().track_stock:
            quantities[line.stockrecord_id] += line.quantity
            products.add(line.product_id)
    if not quantities:
        return
    amount = Case(
        *(When(pk=pk, then=Value(quantity)) for pk, quantity in quantities.items()),
        output_field=IntegerField(),
    )
    held = Coalesce(F("num_allocated"), 0)
    StockRecord.objects.filter(pk__in=list(quantities)).update(
        num_allocated=held - Least(held, amount)
    )
    enough = Q(stockrecord__low_stock_threshold__isnull=True) | Q(
        stockrecord__num_in_stock__gte=Coalesce(F("stockrecord__num_allocated"), 0)
        + F("stockrecord__low_stock_threshold")
    )
    StockAlert.objects.filter(stockrecord_id__in=list(quantities), status=StockAlert.OPEN).filter(
        enough
    ).update(status=StockAlert.CLOSED, date_closed=timezone.now())
    ids = sorted(products)
    transaction.on_commit(lambda: tasks.product_alerts_send_task.enqueue(ids))


def order_send_expired(*, order) -> None:
    """Tell the customer their unpaid order was cancelled at the deposit deadline."""
    if not order.email:
        return
    mail_send(
        subject=_("Your order %(number)s was cancelled") % {"number": order.number},
        body=_(
            "We did not receive the transfer of %(amount)s for order %(number)s before the "
            "deadline, so the order is cancelled and nothing is owed.\n"
            "The items are back on sale: you are welcome to order again."
        )
        % {"amount": _krw(order.total_incl_tax, order), "number": order.number},
        to=[order.email],
    )


@dataclass(frozen=True)
class DepositsConfirmed:
    paid: list = field(default_factory=list)  # order numbers now paid
    refused: list = field(default_factory=list)  # (order number, why)


def deposits_confirm(*, expected: dict[str, Decimal], by) -> DepositsConfirmed:
    """Confirm the deposits the operator ticked, each against the amount they were shown.

    Each order is confirmed in its own transaction (its row lock, as ``order_payment_confirm``
    takes it): one refused order (cancelled, or its amount changed) leaves the others paid,
    and a second submission of the same page changes nothing.
    """
    paid, refused = [], []
    orders = {o.number: o for o in Order.objects.filter(number__in=list(expected))}
    for number, amount in expected.items():
        order = orders.get(number)
        if order is None:
            refused.append((number, _("No such order.")))
            continue
        try:
            order_payment_confirm(order=order, by=by, expected_amount=amount)
        except ValueError as error:
            refused.append((number, str(error)))
        else:
            paid.append(number)
    return DepositsConfirmed(paid=paid, refused=refused)
