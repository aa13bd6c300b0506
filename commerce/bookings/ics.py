"""An iCalendar (RFC 5545) event for a booking, attached to confirmation emails."""

import datetime

from django.conf import settings


def _stamp(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,").replace("\n", r"\n")


def booking_ics(booking) -> str:
    service = booking.slot.service
    starts = booking.slot.starts_at
    ends = starts + datetime.timedelta(minutes=service.duration_minutes)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//The CEN//Bookings//KO",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{booking.reference}@thecen",
        f"DTSTAMP:{_stamp(datetime.datetime.now(datetime.UTC))}",
        f"DTSTART:{_stamp(starts)}",
        f"DTEND:{_stamp(ends)}",
        f"SUMMARY:{_escape(service.product.get_title())}",
        f"LOCATION:{_escape(service.place)}",
        f"ORGANIZER;CN={_escape(settings.OSCAR_SHOP_NAME)}:mailto:{settings.THECEN_OPERATOR['email']}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
