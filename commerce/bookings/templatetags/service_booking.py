from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from commerce.bookings.forms import ConsultationForm
from commerce.bookings.models import Booking, Service
from commerce.bookings.selectors import booking_cancel_refusal, booking_for_line, service_calendar

register = template.Library()


@register.inclusion_tag("commerce/bookings/booking_panel.html", takes_context=True)
def service_booking_panel(context, product):
    try:
        service = product.service
    except Service.DoesNotExist:
        return {"service": None}
    request = context.get("request")
    user = context.get("user")
    return {
        "thread": service.consultations.filter(customer=user).order_by("created")
        if user is not None and user.is_authenticated
        else [],
        "service": service,
        "product": product,
        "calendar": service_calendar(service=service),
        "consultation_form": ConsultationForm(),
        "hold_minutes": settings.THECEN_BOOKING_HOLD_MINUTES,
        "request": request,
        "user": context.get("user"),
        "csrf_token": context.get("csrf_token"),
        "bookable": request is not None
        and request.strategy.fetch_for_product(product).availability.is_available_to_buy,
    }


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@register.filter
def booking_when(starts_at) -> str:
    """ "12월 3일 (목) 오후 2:00": the one way a booked time is written. Django's Korean "D" is
    the whole weekday (목요일): the short name comes from the calendar's own words."""
    local = timezone.localtime(starts_at)
    weekday = pgettext("calendar", WEEKDAYS[local.weekday()])
    literal = "".join("\\" + char for char in weekday)
    format_ = pgettext("booking time format", "D, M j, g:i A").replace("D", literal)
    return date_format(local, format_)


@register.filter
def booking_label(booking: Booking) -> str:
    places = ngettext("%(count)s person", "%(count)s people", booking.places) % {
        "count": booking.places
    }
    return f"{booking_when(booking.slot.starts_at)} · {places}"


@register.filter
def line_description(line) -> str:
    """A basket or order line as a shopper reads it: a booked service shows its time and places,
    never the booking's reference."""
    booking = booking_for_line(line=line)
    if booking is None:
        return line.description
    title = line.title if hasattr(line, "title") else line.product.get_title()
    return _("%(title)s — %(when)s") % {"title": title, "when": booking_label(booking)}


@register.filter
def booking_can_cancel(booking: Booking) -> bool:
    return not booking_cancel_refusal(booking=booking)
