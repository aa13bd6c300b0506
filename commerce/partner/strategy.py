"""Oscar's pricing/availability strategy, plus: a suspended partner's listings cannot be bought."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, strategy


class PartnerSuspended(availability.Unavailable):
    code = "unavailable"
    message = _("Not available at the moment")


class Default(strategy.Default):
    def availability_policy(self, product, stockrecord):
        if stockrecord is not None and stockrecord.partner.is_suspended:
            return PartnerSuspended()
        return super().availability_policy(product, stockrecord)


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
