"""PortOne payments: verified before an order is placed, confirmed by webhooks, refunded
through the API. The order's money itself moves through commerce.orderpayments' services."""

from __future__ import annotations

import datetime
import json
import logging
from collections.abc import Mapping
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency
from portone_server_sdk import webhook as portone_webhook
from portone_server_sdk.errors import PortOneError

from commerce.orderpayments.methods import CANCELLED, PaymentMethod
from commerce.orderpayments.services import order_payment_confirm

from .client import (
    NotWaitingForDeposit,
    Payment,
    PaymentMissing,
    PortOneUnavailable,
    payment_cancel,
    payment_fetch,
    virtual_account_close,
)
from .models import PortOneCancellation, PortOneOrphan, PortOnePayment, PortOneWebhook

logger = logging.getLogger(__name__)
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

PAID = "PAID"
VIRTUAL_ACCOUNT_ISSUED = "VIRTUAL_ACCOUNT_ISSUED"

# Our method → PortOne's payMethod and easy-pay provider.
PAY_METHODS = {
    PaymentMethod.CARD: ("CARD", ""),
    PaymentMethod.KAKAOPAY: ("EASY_PAY", "KAKAOPAY"),
    PaymentMethod.NAVERPAY: ("EASY_PAY", "NAVERPAY"),
    PaymentMethod.TOSSPAY: ("EASY_PAY", "TOSSPAY"),
    PaymentMethod.VIRTUAL_ACCOUNT: ("VIRTUAL_ACCOUNT", ""),
}
VIRTUAL_ACCOUNT_HOURS = 72


class PaymentRefused(Exception):
    """The payment cannot back the order; the message is for the shopper."""


class RefundFailed(ValueError):
    """PortOne did not refund; the message is for the person who cancelled."""


class WebhookRejected(Exception):
    """Not a webhook PortOne signed."""


def portone_methods_offered() -> list[str]:
    """The PortOne methods whose channel is configured, in the order the page lists them."""
    if not (settings.THECEN_PORTONE_STORE_ID and settings.THECEN_PORTONE_API_SECRET):
        return []
    keys = settings.THECEN_PORTONE_CHANNEL_KEYS
    return [method for method in PAY_METHODS if keys.get(method)]


def portone_payment_request(
    *, method: str, payment_id: str, amount: Decimal, order_name: str, redirect_url: str, email=""
) -> dict:
    """What the page passes to the browser SDK's requestPayment."""
    pay_method, provider = PAY_METHODS[method]
    request = {
        "storeId": settings.THECEN_PORTONE_STORE_ID,
        "channelKey": settings.THECEN_PORTONE_CHANNEL_KEYS[method],
        "paymentId": payment_id,
        "orderName": order_name,
        "totalAmount": int(amount),
        "currency": "KRW",
        "payMethod": pay_method,
        "redirectUrl": redirect_url,
        "locale": "KO_KR",
    }
    if provider:
        request["easyPay"] = {"easyPayProvider": provider}
    if pay_method == "VIRTUAL_ACCOUNT":
        request["virtualAccount"] = {"accountExpiry": {"validHours": VIRTUAL_ACCOUNT_HOURS}}
    if email:
        request["customer"] = {"email": email}
    return request


def _krw(amount: Decimal) -> str:
    return currency(amount, "KRW")


def portone_payment_verify(*, payment_id: str, method: str, amount: Decimal, currency_code: str):
    """Ask PortOne for the payment and check it backs an order of ``amount`` won.

    Card and easy pay must be PAID, a virtual account ISSUED, for exactly the order total in
    KRW. A paid payment that does not match is cancelled at PortOne before the refusal, so
    the shopper is never charged for an order that was not placed.
    """
    try:
        payment = payment_fetch(payment_id=payment_id)
    except PaymentMissing:
        raise PaymentRefused(_("The payment was not completed. Please try again.")) from None
    except PortOneUnavailable:
        logger.exception("portone: could not read payment %s", payment_id)
        raise PaymentRefused(
            _("We could not confirm your payment with the payment company. Please try again.")
        ) from None
    expected = VIRTUAL_ACCOUNT_ISSUED if method == PaymentMethod.VIRTUAL_ACCOUNT else PAID
    if payment.status != expected:
        raise PaymentRefused(_("The payment was not completed. Please try again."))
    if payment.currency != "KRW" or currency_code != "KRW" or payment.total != amount:
        logger.warning(
            "portone: payment %s is %s %s, the order %s KRW: refused",
            payment_id,
            payment.total,
            payment.currency,
            amount,
        )
        if payment.status == PAID:
            _cancel_quietly(payment, _("Payment amount differs from the order"))
        raise PaymentRefused(
            _(
                "The amount paid (%(paid)s) differs from the order total (%(total)s), so the "
                "payment was cancelled and the order was not placed. Please check your basket "
                "and pay again."
            )
            % {"paid": _krw(payment.total), "total": _krw(amount)}
        )
    return payment


def _cancel_quietly(payment: Payment, reason: str) -> None:
    try:
        payment_cancel(
            payment_id=payment.payment_id,
            reason=reason,
            cancellable=payment.paid - payment.cancelled,
        )
    except PortOneUnavailable:
        logger.exception("portone: could not cancel payment %s", payment.payment_id)


def portone_payment_void(*, payment: Payment, reason: str) -> None:
    """A verified payment whose order could not be placed after all (stock ran out, or the
    basket was already ordered with another payment): an orphan, cancelled at PortOne."""
    logger.warning(
        "portone: orphan payment %s (%s): cancelling: %s",
        payment.payment_id,
        payment.status,
        reason,
    )
    if payment.status in (PAID, VIRTUAL_ACCOUNT_ISSUED):
        _cancel_quietly(payment, reason)


def portone_payment_orphan_void(*, payment_id: str):
    """A payment that comes back for a basket already ordered (a second tab, a double tap).

    Payment ids are ``<order number>-<random>``. If that order exists it was placed with
    another payment, so this one is an orphan and its money goes back at once. Returns the
    order and whether a payment was cancelled; the order only when the id is proven (the
    order's own payment, or one PortOne knows), since order numbers alone can be guessed.
    """
    number, _sep, _rest = payment_id.rpartition("-")
    order = Order.objects.filter(number=number).first() if number else None
    if order is None:
        return None, False
    recorded = (
        PortOnePayment.objects.filter(payment_id=payment_id).values_list("order_id", flat=True)
    ).first()
    if recorded is not None:  # a payment that placed an order: a reload of its return page
        return (order if recorded == order.pk else None), False
    try:
        payment = payment_fetch(payment_id=payment_id)
    except PaymentMissing:
        return None, False
    except PortOneUnavailable:
        logger.exception("portone: could not read the orphan payment %s", payment_id)
        return None, False
    if payment.status not in (PAID, VIRTUAL_ACCOUNT_ISSUED):
        return order, False
    portone_payment_void(
        payment=payment, reason=_("The order was already placed with another payment")
    )
    return order, True


def _basket_of(payment_id: str) -> int | None:
    """Payment ids are ``<order number>-<random>`` and Oscar numbers an order 100000 + the id
    of its basket (oscar.apps.order.utils.OrderNumberGenerator)."""
    number = payment_id.rpartition("-")[0]
    return int(number) - 100000 if number.isdigit() and int(number) > 100000 else None


def portone_orphans_sweep(*, older_than: datetime.timedelta | None = None) -> list[str]:
    """Give back payments PortOne took that never became an order. Returns their ids.

    Found through PortOne's webhooks: a payment it told us about more than ``older_than``
    ago (THECEN_PORTONE_ORPHAN_MINUTES) with no order recorded. Each is handled under the row
    lock of its basket, the lock the checkout places an order under: either the order was
    placed first (then it is no orphan), or the payment is recorded here first and a shopper
    who comes back that late is told it was given back, never charged for nothing.
    """
    if older_than is None:
        older_than = datetime.timedelta(minutes=settings.THECEN_PORTONE_ORPHAN_MINUTES)
    candidates = (
        PortOneWebhook.objects.filter(received_at__lt=timezone.now() - older_than)
        .exclude(payment_id="")
        .exclude(payment_id__in=PortOnePayment.objects.values("payment_id"))
        .exclude(payment_id__in=PortOneOrphan.objects.values("payment_id"))
        .values_list("payment_id", flat=True)
        .distinct()
    )
    swept = []
    for payment_id in list(candidates):
        try:
            if _orphan_return(payment_id):
                swept.append(payment_id)
        except PortOneUnavailable:
            logger.exception("portone: could not give back payment %s; next run", payment_id)
    return swept


def _orphan_return(payment_id: str) -> bool:
    with transaction.atomic():
        basket_id = _basket_of(payment_id)
        if basket_id is not None:
            Basket.objects.select_for_update().filter(pk=basket_id).first()
        if PortOnePayment.objects.filter(payment_id=payment_id).exists():
            return False  # the shopper came back in time
        try:
            payment = payment_fetch(payment_id=payment_id)
        except PaymentMissing:
            return False  # PortOne has no such payment (a forged id in a webhook)
        if payment.status not in (PAID, VIRTUAL_ACCOUNT_ISSUED):
            return False  # failed, or still in the window: nothing was taken
        orphan = PortOneOrphan.objects.create(
            payment_id=payment_id, status=payment.status, amount=payment.total
        )
        reason = _("Paid, but the order was never completed")
        if payment.status == PAID:
            payment_cancel(
                payment_id=payment_id, reason=reason, amount=None, cancellable=payment.paid
            )
        else:
            virtual_account_close(payment_id=payment_id)
        orphan.returned = True
        orphan.save(update_fields=["returned"])
        logger.warning("portone: gave back %s (%s won): no order", payment_id, payment.total)
        return True


def portone_payment_given_back(*, payment_id: str) -> bool:
    """Whether the sweeper already returned this payment (asked under the basket's lock)."""
    return PortOneOrphan.objects.filter(payment_id=payment_id).exists()


def portone_payment_record(*, order, method: str, payment: Payment) -> PortOnePayment:
    return PortOnePayment.objects.create(
        order=order,
        payment_id=payment.payment_id,
        method=method,
        status=payment.status,
        amount=payment.total,
        cancelled_amount=payment.cancelled,
        receipt_url=payment.receipt_url,
        pg_tx_id=payment.pg_tx_id,
        account_bank=payment.account_bank,
        account_number=payment.account_number,
        account_holder=payment.account_holder,
        account_due=payment.account_due,
        paid_at=payment.paid_at,
    )


def portone_webhook_receive(*, body: str, headers: Mapping[str, str]) -> bool:
    """Verify, record once, act. True when this delivery was acted on, False for a repeat.

    The webhook's id is stored under a unique constraint in the same transaction as what it
    does, so a repeated or concurrent delivery waits for the first, then does nothing; a
    delivery whose work fails stores nothing and PortOne's retry does the work.
    """
    try:
        portone_webhook.verify(settings.THECEN_PORTONE_WEBHOOK_SECRET, body, headers)
        data = json.loads(body)
    except (PortOneError, ValueError) as error:
        raise WebhookRejected(str(error)) from error
    kind = str(data.get("type", ""))
    payment_id = str((data.get("data") or {}).get("paymentId", ""))
    try:
        with transaction.atomic():
            PortOneWebhook.objects.create(
                webhook_id=headers["webhook-id"], kind=kind, payment_id=payment_id
            )
            if payment_id and kind.startswith("Transaction."):
                portone_payment_sync(payment_id=payment_id)
    except IntegrityError:
        return False
    return True


def portone_payment_sync(*, payment_id: str) -> None:
    """Read the payment from PortOne (never trust a webhook's body) and bring the order level.

    Paid for the whole order total: the order is paid through orderpayments (order_paid goes
    out: bookings confirmed, MC commission written). Cancelled at PortOne: recorded.
    A payment no order was placed for yet (the shopper is still on the way back) waits for
    the checkout, which verifies it itself.
    """
    with transaction.atomic():
        record = PortOnePayment.objects.filter(payment_id=payment_id).first()
        if record is None:
            return
        order = Order.objects.select_for_update().get(pk=record.order_id)
        record = PortOnePayment.objects.select_for_update().get(pk=record.pk)
        payment = payment_fetch(payment_id=payment_id)
        before = record.cancelled_amount
        record.status = payment.status
        record.receipt_url = payment.receipt_url or record.receipt_url
        record.cancelled_amount = max(payment.cancelled, record.cancelled_amount)
        if payment.status in (PAID, "PARTIAL_CANCELLED") and record.paid_at is None:
            record.paid_at = payment.paid_at or timezone.now()
        record.save()
        if payment.status == PAID and order.status != CANCELLED:
            if payment.paid == order.total_incl_tax and payment.currency == "KRW":
                order_payment_confirm(order=order, by=None)
            else:
                order.notes.create(
                    note_type="System",
                    message=_(
                        "PortOne reports %(paid)s paid, but the order total is %(total)s: "
                        "not confirmed, please check."
                    )
                    % {"paid": _krw(payment.paid), "total": _krw(order.total_incl_tax)},
                )
        if record.cancelled_amount > before:
            order.notes.create(
                note_type="System",
                message=_("PortOne: %(amount)s cancelled (status %(status)s).")
                % {"amount": _krw(record.cancelled_amount - before), "status": payment.status},
            )


def portone_deposits_check(*, order_ids) -> set[int]:
    """Before virtual-account orders expire: ask PortOne about each, once, outside any lock.

    Paid (the webhook was lost or is still on its way): confirmed now, so the order does not
    expire. Still waiting: the account is closed at PortOne first, so no transfer can arrive
    for an order about to be cancelled. Returns the orders that must not expire this run:
    those paid meanwhile, and those PortOne could not be asked about (the next run asks again).
    """
    held: set[int] = set()
    records = PortOnePayment.objects.filter(order_id__in=list(order_ids)).only(
        "order_id", "payment_id"
    )
    for record in records:
        try:
            payment = payment_fetch(payment_id=record.payment_id)
            if payment.status == VIRTUAL_ACCOUNT_ISSUED:
                virtual_account_close(payment_id=record.payment_id)
                logger.info("portone: closed the unpaid virtual account %s", record.payment_id)
        except PaymentMissing:
            continue  # PortOne never issued it: nothing can arrive
        except NotWaitingForDeposit:
            held.add(record.order_id)  # paid this very moment: read it again below
            payment = None
        except PortOneUnavailable:
            logger.exception("portone: could not check virtual account %s", record.payment_id)
            held.add(record.order_id)
            continue
        if payment is None or payment.status == PAID:
            held.add(record.order_id)
            try:
                portone_payment_sync(payment_id=record.payment_id)
            except PortOneUnavailable:
                logger.exception("portone: could not confirm %s", record.payment_id)
    return held


def portone_refund(*, order, amount: Decimal | None, reason: str) -> PortOneCancellation | None:
    """Refund ``amount`` won (None: all that is left) of a PortOne-paid order, at PortOne.

    Called inside the cancellation's transaction: if PortOne refuses, RefundFailed rolls
    the cancellation back, so the order never says "refunded" for money still charged.
    """
    record = PortOnePayment.objects.select_for_update().filter(order=order).first()
    if record is None or record.paid_at is None:
        return None
    cancellable = record.amount - record.cancelled_amount
    amount = cancellable if amount is None else min(amount, cancellable)
    if amount <= 0:
        return None
    try:
        result = payment_cancel(
            payment_id=record.payment_id,
            reason=reason or _("Order cancelled"),
            amount=amount,
            cancellable=cancellable,
        )
    except PortOneUnavailable as error:
        logger.error("portone: refund of %s for %s failed: %s", amount, order.number, error)
        raise RefundFailed(
            _(
                "The payment company did not refund %(amount)s, so nothing was cancelled. "
                "Please try again later."
            )
            % {"amount": _krw(amount)}
        ) from error
    record.cancelled_amount += result.amount
    record.status = "CANCELLED" if record.cancelled_amount >= record.amount else "PARTIAL_CANCELLED"
    record.save(update_fields=["cancelled_amount", "status", "updated"])
    order.notes.create(
        note_type="System",
        message=_("PortOne refunded %(amount)s.") % {"amount": _krw(result.amount)},
    )
    return PortOneCancellation.objects.create(
        payment=record, cancellation_id=result.cancellation_id, amount=result.amount, reason=reason
    )
