from django import template

from commerce.mc.models import MarketCreator
from commerce.mc.services import attribution_read

register = template.Library()


@register.simple_tag(takes_context=True)
def attributed_mc(context) -> MarketCreator | None:
    """The approved MC an order placed now would be attributed to (the checkout's own rule)."""
    request = context.get("request")
    data = attribution_read(request) if request is not None else None
    if not data:
        return None
    return MarketCreator.objects.filter(
        code=data.get("mc"), status=MarketCreator.Status.APPROVED
    ).first()
