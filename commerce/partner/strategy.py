"""Oscar's pricing/availability strategy, plus: a suspended partner's listings cannot be bought.

The public never sees such listings (``commerce.partner.selectors.products_listed`` hides them
from the catalogue, search and stories); the strategy is the last guard, for a basket that
still holds one, and it says "not on sale", never "sold out".
"""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, strategy


class PartnerSuspended(availability.Unavailable):
    code = "partner-suspended"
    message = _("Not on sale at the moment")


class ServiceNotBookable(availability.Unavailable):
    code = "unavailable"
    message = _("Booking is not open yet")


def _is_service_without_booking(product) -> bool:
    """A product of the service class is sold only with its booking set-up (bookings.Service,
    reached through the reverse relation: partner sits below bookings and does not import it)."""
    product_class = product.get_product_class()
    if product_class is None or product_class.slug != "service":
        return False
    try:
        product.service  # noqa: B018  (the relation's presence is the question)
    except ObjectDoesNotExist:
        return True
    return False


class Default(strategy.Default):
    def select_stockrecord(self, product):
        # A live partner's record first: another partner's suspension must not hide it.
        records = list(product.stockrecords.all())
        for record in records:
            if not record.partner.is_suspended:
                return record
        return records[0] if records else None

    def availability_policy(self, product, stockrecord):
        if stockrecord is not None and stockrecord.partner.is_suspended:
            return PartnerSuspended()
        if _is_service_without_booking(product):
            return ServiceNotBookable()
        return super().availability_policy(product, stockrecord)


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
