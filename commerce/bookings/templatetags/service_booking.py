from django import template
from django.conf import settings

from commerce.bookings.forms import ConsultationForm
from commerce.bookings.models import Service
from commerce.bookings.selectors import service_open_times

register = template.Library()


@register.inclusion_tag("commerce/bookings/booking_panel.html", takes_context=True)
def service_booking_panel(context, product):
    try:
        service = product.service
    except Service.DoesNotExist:
        return {"service": None}
    request = context.get("request")
    return {
        "service": service,
        "product": product,
        "open_times": service_open_times(service=service),
        "consultation_form": ConsultationForm(),
        "hold_minutes": settings.THECEN_BOOKING_HOLD_MINUTES,
        "request": request,
        "user": context.get("user"),
        "csrf_token": context.get("csrf_token"),
        "bookable": request is not None
        and request.strategy.fetch_for_product(product).availability.is_available_to_buy,
    }
