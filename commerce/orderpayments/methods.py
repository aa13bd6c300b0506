"""The payment vocabulary, in one place: how an order is paid, its statuses, its deadline.

Everything that names a payment method (checkout, bookings, the dashboards, e-mails) reads it
from here; the labels are translatable, so English pages say "Bank transfer".
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

# Oscar's order statuses (the pipeline in settings.OSCAR_ORDER_STATUS_PIPELINE).
AWAITING_DEPOSIT = "Awaiting deposit"
PAY_ON_SITE = "Pay on site"
PAID = "Paid"
CANCELLED = "Cancelled"


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank-transfer", _("Bank transfer")
    ON_SITE = "on-site", _("Payment on site")
    # Through a payment company (PortOne): paid on its window, confirmed by its API.
    CARD = "card", _("Card")
    KAKAOPAY = "kakaopay", _("KakaoPay")
    NAVERPAY = "naverpay", _("Naver Pay")
    TOSSPAY = "tosspay", _("Toss Pay")
    VIRTUAL_ACCOUNT = "virtual-account", _("Virtual account")


# Paid on the payment company's window; the rest are settled by the operator or on site.
GATEWAY_METHODS = (
    PaymentMethod.CARD,
    PaymentMethod.KAKAOPAY,
    PaymentMethod.NAVERPAY,
    PaymentMethod.TOSSPAY,
    PaymentMethod.VIRTUAL_ACCOUNT,
)


def deposit_deadline(placed_at: datetime.datetime) -> datetime.datetime:
    """The end of the day, in Seoul, THECEN_DEPOSIT_DAYS days after the order."""
    local = timezone.localtime(placed_at) + datetime.timedelta(days=settings.THECEN_DEPOSIT_DAYS)
    return local.replace(hour=23, minute=59, second=59, microsecond=0)


def depositor_name_clean(value: str) -> str:
    return " ".join(str(value or "").split())[:50]


def depositor_name_default(*, user, shipping_address=None) -> str:
    """The orderer's name, as a bank statement would show it: the account's full name (Korean
    order), else the recipient typed into the delivery address."""
    if user is not None and user.is_authenticated and user.get_full_name():
        return depositor_name_clean(user.get_full_name())
    if shipping_address is not None and shipping_address.name:
        return depositor_name_clean(shipping_address.name)
    return ""


def payment_source_build(*, method: str, total_incl_tax, currency: str):
    """An unsaved Oscar payment source for the whole amount, to be saved with the order.

    The source type's name is stored once, in the site's language (Oscar keeps it as text).
    """
    Source = get_model("payment", "Source")
    SourceType = get_model("payment", "SourceType")
    with translation.override(settings.LANGUAGE_CODE):
        name = str(PaymentMethod(method).label)
    source_type, _created = SourceType.objects.get_or_create(code=method, defaults={"name": name})
    return Source(source_type=source_type, currency=currency, amount_allocated=total_incl_tax)
