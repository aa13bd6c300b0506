"""PortOne V2's REST API through its official server SDK (portone-server-sdk), reduced to
what the shop asks: a payment as we read it, a cancellation, and closing a virtual account."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

import httpx
from django.conf import settings
from django.utils.dateparse import parse_datetime
from portone_server_sdk import PaymentClient
from portone_server_sdk.errors import (
    PaymentNotFoundError,
    PaymentNotWaitingForDepositError,
    PortOneError,
)
from portone_server_sdk.payment import PaymentMethodVirtualAccount


class PortOneUnavailable(Exception):
    """PortOne did not answer, or refused the request; the message is for the log."""


class PaymentMissing(PortOneUnavailable):
    """PortOne has no payment by that id (the shopper never paid)."""


class NotWaitingForDeposit(PortOneUnavailable):
    """The virtual account takes no more deposits: it was paid, or closed already."""


# Korean names of the banks PortOne issues virtual accounts from (its Bank codes).
BANK_NAMES = {
    "KOOKMIN": "KB국민은행",
    "SHINHAN": "신한은행",
    "WOORI": "우리은행",
    "HANA": "하나은행",
    "NONGHYUP": "NH농협은행",
    "IBK": "IBK기업은행",
    "SUHYUP": "수협은행",
    "BUSAN": "부산은행",
    "DAEGU": "대구은행",
    "KWANGJU": "광주은행",
    "KYONGNAM": "경남은행",
    "JEONBUK": "전북은행",
    "JEJU": "제주은행",
    "KFCC": "새마을금고",
    "SHINHYUP": "신협",
    "POST": "우체국",
    "STANDARD_CHARTERED": "SC제일은행",
    "CITI": "한국씨티은행",
    "K_BANK": "케이뱅크",
    "KAKAO": "카카오뱅크",
    "TOSS": "토스뱅크",
}


@dataclass(frozen=True)
class Payment:
    """A PortOne payment as the shop needs it. Amounts in won."""

    payment_id: str
    status: str  # PAID, VIRTUAL_ACCOUNT_ISSUED, CANCELLED, PARTIAL_CANCELLED, FAILED, READY…
    total: Decimal
    paid: Decimal
    cancelled: Decimal
    currency: str
    receipt_url: str = ""
    pg_tx_id: str = ""
    account_bank: str = ""
    account_number: str = ""
    account_holder: str = ""
    account_due: datetime.datetime | None = None
    paid_at: datetime.datetime | None = None


@dataclass(frozen=True)
class Cancellation:
    cancellation_id: str
    amount: Decimal


def _client() -> PaymentClient:
    client = PaymentClient(
        secret=settings.THECEN_PORTONE_API_SECRET, base_url=settings.THECEN_PORTONE_API_URL
    )
    # The SDK waits 60 s by default: a shopper's request must not hang that long.
    client._sync_client = httpx.Client(timeout=settings.THECEN_PORTONE_TIMEOUT)
    return client


def _status(found) -> str:
    """PortOne's status: the SDK says it by class (PaidPayment → PAID)."""
    name = type(found).__name__.removesuffix("Payment")
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


def _when(value) -> datetime.datetime | None:
    return parse_datetime(value) if value else None


def payment_fetch(*, payment_id: str) -> Payment:
    """GET /payments/{paymentId}."""
    try:
        found = _client().get_payment(payment_id=payment_id)
    except PaymentNotFoundError as error:
        raise PaymentMissing(payment_id) from error
    except (PortOneError, httpx.HTTPError, ValueError, KeyError) as error:
        raise PortOneUnavailable(f"GET payment {payment_id}: {error!r}") from error
    amount = getattr(found, "amount", None)
    method = getattr(found, "method", None)
    account = method if isinstance(method, PaymentMethodVirtualAccount) else None
    return Payment(
        payment_id=payment_id,
        status=_status(found),
        total=Decimal(amount.total if amount else 0),
        paid=Decimal(amount.paid if amount else 0),
        cancelled=Decimal(amount.cancelled if amount else 0),
        currency=str(getattr(found, "currency", "")),
        receipt_url=getattr(found, "receipt_url", None) or "",
        pg_tx_id=getattr(found, "pg_tx_id", None) or "",
        account_bank=BANK_NAMES.get(account.bank, account.bank or "") if account else "",
        account_number=account.account_number if account else "",
        account_holder=(account.remittee_name or "") if account else "",
        account_due=_when(account.expired_at) if account else None,
        paid_at=_when(getattr(found, "paid_at", None)),
    )


def payment_cancel(
    *, payment_id: str, reason: str, amount: Decimal | None = None, cancellable: Decimal | None
) -> Cancellation:
    """POST /payments/{paymentId}/cancel: the whole rest (``amount`` None) or part of it.

    ``cancellable``: what we believe is still cancellable; PortOne refuses when it differs,
    so two refunds racing each other cannot both go through.
    """
    try:
        response = _client().cancel_payment(
            payment_id=payment_id,
            reason=reason,
            amount=int(amount) if amount is not None else None,
            current_cancellable_amount=int(cancellable) if cancellable is not None else None,
        )
    except (PortOneError, httpx.HTTPError, ValueError, KeyError) as error:
        raise PortOneUnavailable(f"cancel payment {payment_id}: {error!r}") from error
    cancellation = response.cancellation
    return Cancellation(cancellation_id=cancellation.id, amount=Decimal(cancellation.total_amount))


def virtual_account_close(*, payment_id: str) -> None:
    """POST /payments/{paymentId}/virtual-account/close (가상계좌 말소): no deposit is taken
    into the account from now on, so a transfer cannot arrive for an order that expired."""
    try:
        _client().close_virtual_account(payment_id=payment_id)
    except PaymentNotWaitingForDepositError as error:
        raise NotWaitingForDeposit(payment_id) from error
    except PaymentNotFoundError as error:
        raise PaymentMissing(payment_id) from error
    except (PortOneError, httpx.HTTPError, ValueError, KeyError) as error:
        raise PortOneUnavailable(f"close virtual account {payment_id}: {error!r}") from error
