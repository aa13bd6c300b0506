"""Bank transfer (무통장입금): the order is placed at once and waits for the deposit."""

import datetime

from django.conf import settings
from django.utils import timezone
from oscar.core.loading import get_model

Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

BANK_TRANSFER = "bank-transfer"


def bank_transfer_source_build(*, total_incl_tax, currency: str) -> Source:
    """An unsaved payment source for the whole amount, to be saved with the order."""
    source_type, _ = SourceType.objects.get_or_create(
        code=BANK_TRANSFER, defaults={"name": "무통장입금"}
    )
    return Source(source_type=source_type, currency=currency, amount_allocated=total_incl_tax)


def deposit_deadline(placed_at: datetime.datetime) -> datetime.datetime:
    """The end of the day, in Seoul, THECEN_DEPOSIT_DAYS days after the order."""
    local = timezone.localtime(placed_at) + datetime.timedelta(days=settings.THECEN_DEPOSIT_DAYS)
    return local.replace(hour=23, minute=59, second=59, microsecond=0)
