"""Payment without a gateway: bank transfer (무통장입금) or on site (현장결제)."""

import datetime

from django.conf import settings
from django.utils import timezone
from oscar.core.loading import get_model

Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

BANK_TRANSFER = "bank-transfer"
ON_SITE = "on-site"
_NAMES = {BANK_TRANSFER: "무통장입금", ON_SITE: "현장결제"}


def payment_source_build(*, method: str, total_incl_tax, currency: str) -> Source:
    """An unsaved payment source for the whole amount, to be saved with the order."""
    source_type, _ = SourceType.objects.get_or_create(
        code=method, defaults={"name": _NAMES.get(method, method)}
    )
    return Source(source_type=source_type, currency=currency, amount_allocated=total_incl_tax)


def deposit_deadline(placed_at: datetime.datetime) -> datetime.datetime:
    """The end of the day, in Seoul, THECEN_DEPOSIT_DAYS days after the order."""
    local = timezone.localtime(placed_at) + datetime.timedelta(days=settings.THECEN_DEPOSIT_DAYS)
    return local.replace(hour=23, minute=59, second=59, microsecond=0)
