"""Oscar's shipping repository, forked: the partner policies decide the charge."""

from oscar.apps.shipping import repository

from .methods import PartnerShipping


class Repository(repository.Repository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        # Without an address yet (the basket page) the charge leaves out 제주/도서산간.
        return [PartnerShipping(postcode=getattr(shipping_addr, "postcode", "") or "")]
