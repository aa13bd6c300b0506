"""The one iCalendar writer: files that calendars accept, in Seoul time, and cancellations
that remove what a confirmation added."""

import datetime
import zoneinfo

from icalendar import Calendar

from commerce.core.calendar import (
    CalendarEvent,
    Method,
    calendar_attachment,
    calendar_ics,
    calendar_uid,
)

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
STARTS = datetime.datetime(2026, 5, 9, 10, 0, tzinfo=SEOUL)


def an_event(**fields) -> CalendarEvent:
    fields.setdefault("uid", calendar_uid("booking", "4f1c"))
    fields.setdefault("starts_at", STARTS)
    fields.setdefault("ends_at", STARTS + datetime.timedelta(hours=1))
    fields.setdefault("summary", "어르신 방문 돌봄 상담")
    return CalendarEvent(**fields)


def test_long_korean_lines_are_folded_at_75_octets_and_read_back_whole():
    summary = "마을 부엌에서 함께 짓는 밥, 협동조합이 여는 봄 장터; 모두 오세요 " * 4
    text = calendar_ics([an_event(summary=summary, location="서울 마포구 성미산로 1, 2층")])

    assert text.endswith("\r\n")
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)  # a continuation line
    (event,) = Calendar.from_ical(text).events
    assert event["SUMMARY"] == summary
    assert event["LOCATION"] == "서울 마포구 성미산로 1, 2층"  # the comma escaped and back


def test_times_are_written_in_seoul_with_its_timezone_and_a_utc_stamp():
    calendar = Calendar.from_ical(calendar_ics([an_event()]))

    assert [tz["TZID"] for tz in calendar.timezones] == ["Asia/Seoul"]
    (event,) = calendar.events
    assert event.start == STARTS
    assert str(event.start.tzinfo) == "Asia/Seoul"
    assert event.end - event.start == datetime.timedelta(hours=1)
    assert event.DTSTAMP.utcoffset() == datetime.timedelta(0)
    assert "DTSTAMP:" in calendar_ics([an_event()])  # written as UTC (…Z)


def test_a_uid_is_the_same_for_the_same_thing():
    assert calendar_uid("booking", "4f1c") == calendar_uid("booking", "4f1c")
    assert calendar_uid("booking", "4f1c") != calendar_uid("event", "4f1c")
    assert "@" in calendar_uid("event", 7)


def test_a_cancellation_carries_method_cancel_and_the_same_uid_one_version_later():
    contact = {"organizer_email": "help@thecen.kr", "attendee_email": "hana@example.kr"}
    _, request_text, _ = calendar_attachment(
        "booking.ics", [an_event(**contact)], method=Method.REQUEST
    )
    name, cancel_text, mimetype = calendar_attachment(
        "booking.ics", [an_event(sequence=1, cancelled=True, **contact)], method=Method.CANCEL
    )

    request, cancel = Calendar.from_ical(request_text), Calendar.from_ical(cancel_text)
    assert (name, mimetype) == ("booking.ics", "text/calendar")
    assert (request["METHOD"], cancel["METHOD"]) == ("REQUEST", "CANCEL")
    (sent,), (withdrawn,) = request.events, cancel.events
    assert withdrawn["UID"] == sent["UID"]
    assert withdrawn["SEQUENCE"] > sent["SEQUENCE"]
    assert (sent["STATUS"], withdrawn["STATUS"]) == ("CONFIRMED", "CANCELLED")
    assert str(withdrawn["ORGANIZER"]) == "mailto:help@thecen.kr"  # iTIP needs both parties
    assert str(withdrawn["ATTENDEE"]) == "mailto:hana@example.kr"


def test_a_feed_is_published_with_every_event():
    events = [an_event(uid=calendar_uid("event", n), summary=f"장터 {n}") for n in range(3)]

    calendar = Calendar.from_ical(calendar_ics(events, name="더센 행사"))

    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "더센 행사"
    assert [e["SUMMARY"] for e in calendar.events] == ["장터 0", "장터 1", "장터 2"]
