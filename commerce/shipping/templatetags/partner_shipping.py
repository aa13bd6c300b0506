from django import template

from ..methods import PartnerShipping
from ..selectors import charges_with_partners

register = template.Library()


@register.simple_tag
def partner_shipping_charges(basket, shipping_method):
    """[(partner, charge)] for the basket under ``shipping_method``; [] when nothing ships."""
    if not isinstance(shipping_method, PartnerShipping) or basket is None:
        return []
    return charges_with_partners(shipping_method.charges(basket))


@register.simple_tag
def order_shipping_rows(order):
    return list(order.partner_shipping_charges.select_related("partner").order_by("pk"))
