from django import template

from ..selectors import order_line_rows, order_lines_for_rows

register = template.Library()


@register.inclusion_tag("commerce/fulfilment/order_lines.html", takes_context=True)
def order_fulfilment(context, order):
    """Each line's delivery state, parcel link, and the confirm / return buttons."""
    return {
        "order": order,
        "rows": order_line_rows(lines=order_lines_for_rows(order)),
        "request": context.get("request"),
    }
