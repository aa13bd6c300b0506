"""A basket frozen for a checkout that never finished comes back to its owner.

Oscar freezes the basket when the order is submitted, before payment and placement. If the
worker dies in between (killed, out of memory, a deploy), no order is written, but the basket
stays frozen and its lines disappear from the shopper's view: Oscar only shows open baskets.

Here such a basket (frozen, no order placed from it) is opened again:

- on the owner's next visit (``FrozenBasketRecoveryMiddleware``, before Oscar's basket
  middleware, which then merges it with any basket opened since), and
- by ``manage.py baskets_recover`` (cron), for owners who do not come back soon.

A checkout still in progress is never touched: the freeze is stamped in the cache for
``THECEN_FROZEN_BASKET_GRACE_SECONDS`` and placing the order holds the basket's row lock,
which recovery skips (``SKIP LOCKED``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.signing import BadSignature, Signer
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from oscar.core.loading import get_model

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")


def _grace() -> int:
    return int(getattr(settings, "THECEN_FROZEN_BASKET_GRACE_SECONDS", 120))


def basket_freeze_stamp(*, basket) -> None:
    """Called when a checkout freezes the basket: recovery leaves it alone for the grace."""
    cache.set(f"checkout:frozen:{basket.pk}", 1, timeout=max(1, _grace()))


def baskets_frozen_orphaned():
    """Frozen baskets that no order was placed from."""
    placed = Order.objects.filter(basket_id=OuterRef("pk"))
    return Basket.objects.filter(status=Basket.FROZEN).exclude(Exists(placed))


def basket_frozen_restore(*, basket_id: int) -> bool:
    """Open a frozen basket again if no order came from it and no checkout holds it."""
    if cache.get(f"checkout:frozen:{basket_id}"):
        return False
    with transaction.atomic():
        basket = (
            baskets_frozen_orphaned()
            .select_for_update(skip_locked=True)
            .filter(pk=basket_id)
            .first()
        )
        if basket is None:
            return False
        basket.thaw()
    return True


def baskets_recover(*, older_than: datetime.timedelta | None = None) -> int:
    """The job: reopen every orphaned frozen basket created before ``older_than`` ago."""
    baskets = baskets_frozen_orphaned()
    if older_than is not None:
        baskets = baskets.filter(date_created__lt=timezone.now() - older_than)
    return sum(basket_frozen_restore(basket_id=pk) for pk in baskets.values_list("pk", flat=True))


class FrozenBasketRecoveryMiddleware:
    """On each visit, the visitor's own orphaned frozen basket is reopened (one indexed query
    for a signed-in shopper; one for a guest with a basket cookie)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            for pk in baskets_frozen_orphaned().filter(owner=user).values_list("pk", flat=True):
                basket_frozen_restore(basket_id=pk)
        else:
            basket_id = _cookie_basket_id(request)
            if basket_id is not None:
                frozen = baskets_frozen_orphaned().filter(pk=basket_id, owner=None)
                if frozen.exists():
                    basket_frozen_restore(basket_id=basket_id)
        return self.get_response(request)


def _cookie_basket_id(request) -> int | None:
    value = request.COOKIES.get(settings.OSCAR_BASKET_COOKIE_OPEN)
    if not value:
        return None
    try:
        text = Signer().unsign(value)
    except BadSignature:
        return None
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None
