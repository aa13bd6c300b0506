"""The states of one order line after payment, in the only order they may follow.

A line moves forward only: 배송준비 → 배송중 → 배송완료 → 구매확정, or, from 배송완료, to 반품완료
(a return accepted) or to 교환 진행중 (an exchange accepted) → 교환품 배송중 (the replacement
handed to a courier, with its own tracking number) → 교환 완료 (the replacement delivered),
confirmed later like any delivered line.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    PREPARING = "preparing", _("Preparing shipment")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    EXCHANGING = "exchanging", _("Exchange accepted")
    EXCHANGE_SHIPPED = "exchange_shipped", _("Replacement shipped")
    EXCHANGED = "exchanged", _("Exchange completed")
    CONFIRMED = "confirmed", _("Purchase confirmed")
    RETURNED = "returned", _("Returned")


# state (None: nothing done yet) -> the states it may move to
NEXT: dict[str | None, tuple[str, ...]] = {
    None: (State.PREPARING,),
    State.PREPARING: (State.SHIPPED,),
    State.SHIPPED: (State.DELIVERED,),
    State.DELIVERED: (State.CONFIRMED, State.RETURNED, State.EXCHANGING),
    State.EXCHANGING: (State.EXCHANGE_SHIPPED,),
    State.EXCHANGE_SHIPPED: (State.EXCHANGED,),
    State.EXCHANGED: (State.CONFIRMED,),
    State.CONFIRMED: (),
    State.RETURNED: (),
}

# What makes a line count in a partner's settlement.
SETTLEABLE = (State.CONFIRMED, State.RETURNED)


def can_move(current: str | None, new: str) -> bool:
    return new in NEXT.get(current, ())
