"""The one iCalendar (RFC 5545) writer: event feeds, booking confirmations and cancellations.

Built on the `icalendar` library, which escapes text and folds lines at 75 octets. Times are
written in Asia/Seoul with its VTIMEZONE, so a calendar shows the time the shopper booked.

- A feed (event pages) is ``METHOD:PUBLISH``.
- A booking confirmation is ``METHOD:REQUEST`` (organiser and attendee named, as iTIP asks),
  so mail clients offer to add it.
- A cancellation is ``METHOD:CANCEL`` with ``STATUS:CANCELLED``, the *same* UID and a higher
  SEQUENCE, so the calendar that holds the confirmation removes the event.

Nothing here imports a model: callers turn their objects into `CalendarEvent`s.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//The CEN//thecen//KO"
MIMETYPE = "text/calendar"


class Method:
    PUBLISH = "PUBLISH"
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    # Bumped whenever the event changes after it was sent (a cancellation is a change).
    sequence: int = 0
    cancelled: bool = False
    organizer_name: str = ""
    organizer_email: str = ""
    attendee_name: str = ""
    attendee_email: str = ""


def calendar_uid(kind: str, key: object) -> str:
    """A UID that stays the same for the same thing, whatever host the request came in on."""
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "thecen"
    return f"{kind}-{key}@{domain}"


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    address.params.update(params)
    return address


def _vevent(event: CalendarEvent, stamp: datetime.datetime, zone) -> Event:
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.starts_at.astimezone(zone))
    vevent.add("dtend", event.ends_at.astimezone(zone))
    vevent.add("sequence", event.sequence)
    vevent.add("summary", event.summary)
    if event.description:
        vevent.add("description", event.description)
    if event.location:
        vevent.add("location", event.location)
    if event.url:
        vevent.add("url", event.url)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.organizer_email:
        vevent.add("organizer", _address(event.organizer_email, event.organizer_name))
    if event.attendee_email:
        vevent.add(
            "attendee",
            _address(
                event.attendee_email,
                event.attendee_name,
                ROLE="REQ-PARTICIPANT",
                PARTSTAT="ACCEPTED",
            ),
        )
    return vevent


def calendar_ics(
    events: Iterable[CalendarEvent], *, method: str = Method.PUBLISH, name: str = ""
) -> str:
    """The text of one iCalendar file (CRLF line ends, folded lines)."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    stamp = timezone.now().astimezone(datetime.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(_vevent(event, stamp, zone))
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def calendar_attachment(
    filename: str, events: Iterable[CalendarEvent], *, method: str
) -> tuple[str, str, str]:
    """An attachment for `commerce.core.mail.mail_send`: (filename, text, mimetype).

    Mail clients read the METHOD inside the file to offer "add" or "remove".
    """
    return filename, calendar_ics(events, method=method), MIMETYPE
