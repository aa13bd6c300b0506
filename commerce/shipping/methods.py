"""Oscar's shipping methods, forked: one method that charges each partner's policy."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F403
from oscar.apps.shipping.methods import Base
from oscar.core import prices

from .selectors import basket_charges


class PartnerShipping(Base):
    """Each partner's goods ship under its own policy; the charge is the sum over partners."""

    code = "partner-shipping"
    name = _("Shipping by each partner")
    description = _("Each partner ships its own goods; the fee of each is shown in the basket.")

    def __init__(self, postcode: str = ""):
        self.postcode = postcode
        self._cache: dict = {}

    def charges(self, basket):
        key = (basket.pk, basket.num_items, str(basket.total_incl_tax), self.postcode)
        if key not in self._cache:
            self._cache = {key: basket_charges(basket=basket, postcode=self.postcode)}
        return self._cache[key]

    def calculate(self, basket):
        total = Decimal(sum(c.amount for c in self.charges(basket)))
        return prices.Price(
            currency=basket.currency, excl_tax=total, incl_tax=total, tax=Decimal(0)
        )
