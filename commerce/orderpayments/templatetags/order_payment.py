from django import template

from commerce.orderpayments.selectors import order_payment_summary

register = template.Library()


@register.inclusion_tag("commerce/orderpayments/order_payment.html")
def order_payment(order):
    """The customer's order page: cancelled items, and the amount to transfer or refunded."""
    return {"order": order, "summary": order_payment_summary(order=order)}
