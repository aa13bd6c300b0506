from django import template

from commerce.portone.selectors import order_portone_payment

register = template.Library()


@register.inclusion_tag("commerce/portone/payment_box.html")
def portone_payment(order):
    """How a PortOne order was paid: the method, the receipt, or the account to pay into."""
    return {"order": order, "portone": order_portone_payment(order=order)}
