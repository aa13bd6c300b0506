"""Reads: the free places of a service, a customer's bookings, a partner's bookings."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Booking, Consultation, Service, Slot


@dataclass(frozen=True)
class OpenTime:
    starts_at: datetime.datetime
    capacity: int
    free: int


def booking_taking_place_q(now: datetime.datetime) -> Q:
    """Bookings that occupy a place now: confirmed, or held/awaiting deposit before their end."""
    return Q(status=Booking.Status.CONFIRMED) | Q(
        status__in=[Booking.Status.HELD, Booking.Status.AWAITING_DEPOSIT], held_until__gt=now
    )


def slot_places_taken(*, slot: Slot, now: datetime.datetime) -> int:
    return slot.bookings.filter(booking_taking_place_q(now)).aggregate(n=Sum("places"))["n"] or 0


def service_times(
    *, service: Service, now: datetime.datetime | None = None
) -> list[tuple[datetime.datetime, int]]:
    """Every start time within the booking horizon, from the week and its exceptions."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    weekly = list(service.weekly_slots.all())
    exceptions = {e.date: e for e in service.exceptions.all()}
    tz = timezone.get_current_timezone()
    times = []
    for offset in range(service.horizon_days + 1):
        day = today + datetime.timedelta(days=offset)
        exception = exceptions.get(day)
        if exception is not None and exception.capacity is None:
            continue
        for weekly_slot in weekly:
            if weekly_slot.weekday != day.weekday():
                continue
            starts_at = datetime.datetime.combine(day, weekly_slot.start, tzinfo=tz)
            if starts_at <= now:
                continue
            capacity = exception.capacity if exception is not None else weekly_slot.capacity
            times.append((starts_at, capacity))
    return sorted(times)


def service_open_times(*, service: Service, now: datetime.datetime | None = None) -> list[OpenTime]:
    """Start times with their free places, in a few queries whatever the horizon."""
    now = now or timezone.now()
    times = service_times(service=service, now=now)
    if not times:
        return []
    taken = {
        row["slot__starts_at"]: row["n"]
        for row in Booking.objects.filter(
            booking_taking_place_q(now),
            slot__service=service,
            slot__starts_at__gte=times[0][0],
        )
        .values("slot__starts_at")
        .annotate(n=Sum("places"))
    }
    result = []
    for starts_at, capacity in times:
        result.append(OpenTime(starts_at, capacity, max(capacity - taken.get(starts_at, 0), 0)))
    return result


def booking_cancel_refusal(*, booking: Booking, now: datetime.datetime | None = None) -> str:
    """Why the customer may not cancel this booking now ("" when the policy allows it)."""
    now = now or timezone.now()
    if booking.status not in (Booking.Status.AWAITING_DEPOSIT, Booking.Status.CONFIRMED):
        return _("This booking cannot be cancelled.")
    limit = booking.slot.starts_at - datetime.timedelta(hours=booking.service.cancel_hours)
    if now > limit:
        return _("Bookings can be cancelled up to %(hours)s hours before the start.") % {
            "hours": booking.service.cancel_hours
        }
    return ""


def bookings_for_user(*, user):
    return (
        Booking.objects.filter(user=user)
        .exclude(status=Booking.Status.EXPIRED)
        .select_related("slot__service__product", "order_line__order")
    )


def _sold_by_user_q(user, product_ref: str) -> Q:
    """The product in ``product_ref`` is sold by one of the user's partners: an Exists over
    its stock records, so the outer rows are never joined and de-duplicated."""
    from oscar.core.loading import get_model

    StockRecord = get_model("partner", "StockRecord")
    return Q(
        Exists(StockRecord.objects.filter(product_id=OuterRef(product_ref), partner__users=user))
    )


def bookings_for_partner_user(*, user):
    """Bookings a dashboard user may manage: all for staff, else its partners' services."""
    qs = Booking.objects.exclude(status=Booking.Status.EXPIRED).select_related(
        "slot__service__product", "order_line__order", "user"
    )
    if user.is_staff:
        return qs
    return qs.filter(_sold_by_user_q(user, "slot__service__product_id"))


def bookings_status_counts(*, bookings) -> dict[str, int]:
    """How many of these bookings are in each status, in one query."""
    counts = {status: 0 for status in Booking.Status.values}
    rows = bookings.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    counts.update(dict(rows))
    counts.pop(Booking.Status.EXPIRED, None)
    return counts


def consultations_for_partner_user(*, user):
    """Questions a dashboard user may answer, unanswered first, newest first."""
    qs = Consultation.objects.select_related("service__product", "customer").order_by(
        F("answered_at").asc(nulls_first=True), "-created"
    )
    if user.is_staff:
        return qs
    return qs.filter(_sold_by_user_q(user, "service__product_id"))


def service_partner_users(*, service: Service):
    from django.contrib.auth import get_user_model

    return (
        get_user_model().objects.filter(partners__stockrecords__product=service.product).distinct()
    )


def services_for_partner_user(*, user):
    """Products of class ``service`` a dashboard user may set up."""
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    products = Product.objects.filter(product_class__slug="service")
    if user.is_staff:
        return products
    return products.filter(stockrecords__partner__users=user).distinct()


BOOKING_OPTION = "booking"


def line_booking_reference(line) -> str | None:
    """The booking a basket or order line carries, from its "booking" option."""
    for attribute in line.attributes.all():
        if attribute.option.code == BOOKING_OPTION:
            return str(attribute.value).rsplit(" · ", 1)[-1]
    return None


def booking_for_line(*, line) -> Booking | None:
    """The booking of an order line (its relation) or of a basket line (its reference)."""
    booking = getattr(line, "booking", None) if hasattr(line, "order_id") else None
    if booking is not None:
        return booking
    reference = line_booking_reference(line)
    if not reference:
        return None
    try:
        return Booking.objects.select_related("slot").get(reference=reference)
    except (Booking.DoesNotExist, ValidationError, ValueError):
        return None


@dataclass(frozen=True)
class CalendarDay:
    date: datetime.date
    in_month: bool
    times: tuple[OpenTime, ...] = ()

    @property
    def free(self) -> int:
        return sum(time.free for time in self.times)

    @property
    def is_open(self) -> bool:
        return self.free > 0


@dataclass(frozen=True)
class CalendarMonth:
    first: datetime.date
    weeks: tuple[tuple[CalendarDay, ...], ...]


def service_calendar(
    *, service: Service, now: datetime.datetime | None = None
) -> list[CalendarMonth]:
    """The months of the booking horizon that have times, as weeks from Sunday to Saturday."""
    open_times = service_open_times(service=service, now=now)
    by_day: dict[datetime.date, list[OpenTime]] = {}
    for time in open_times:
        by_day.setdefault(timezone.localtime(time.starts_at).date(), []).append(time)
    months = sorted({(day.year, day.month) for day in by_day})
    result = []
    for year, month in months:
        first = datetime.date(year, month, 1)
        start = first - datetime.timedelta(days=(first.weekday() + 1) % 7)  # the Sunday before
        weeks = []
        day = start
        while day.month == month or day < first:
            week = []
            for _i in range(7):
                week.append(CalendarDay(day, day.month == month, tuple(by_day.get(day, ()))))
                day += datetime.timedelta(days=1)
            weeks.append(tuple(week))
        result.append(CalendarMonth(first, tuple(weeks)))
    return result
