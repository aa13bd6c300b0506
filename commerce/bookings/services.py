"""Writes for bookings: reserve (with a timed hold), attach to an order, confirm, cancel."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.core.loading import get_model

from commerce.core.calendar import CalendarEvent, Method, calendar_attachment, calendar_uid
from commerce.core.mail import mail_send
from commerce.orderpayments.methods import PaymentMethod
from commerce.orderpayments.services import order_is_paid, order_lines_cancel, order_payment_confirm

from .models import Booking, Consultation, Service, Slot
from .selectors import (
    booking_cancel_refusal,
    line_booking_reference,
    service_partner_users,
    service_times,
    slot_places_taken,
)

Option = get_model("catalogue", "Option")
BOOKING_OPTION = "booking"
SERVICE_CLASS = "service"


class BookingError(Exception):
    """A booking rule was broken; the message is for the customer."""


def _when(booking: Booking) -> str:
    return date_format(timezone.localtime(booking.slot.starts_at), "DATETIME_FORMAT")


def booking_reserve(
    *, service: Service, starts_at: datetime.datetime, user, basket, places: int = 1
) -> Booking:
    """Hold ``places`` at ``starts_at`` for THECEN_BOOKING_HOLD_MINUTES and put them in the basket.

    The slot row is locked (SELECT … FOR UPDATE) while places are counted, so two customers
    racing for the last place cannot both get it.
    """
    now = timezone.now()
    capacity = dict(service_times(service=service, now=now)).get(starts_at)
    if capacity is None:
        raise BookingError(_("This time cannot be booked. Please choose another time."))
    if places < 1:
        raise BookingError(_("Please book at least one place."))
    if service.consult_first and not service.consultations.filter(customer=user).exists():
        raise BookingError(
            _("This provider starts with a consultation: please send your question first.")
        )
    with transaction.atomic():
        slot, _created = Slot.objects.get_or_create(
            service=service, starts_at=starts_at, defaults={"capacity": capacity}
        )
        slot = Slot.objects.select_for_update().get(pk=slot.pk)
        if slot.capacity != capacity:  # the partner changed its week or exceptions since
            slot.capacity = capacity
            slot.save(update_fields=["capacity"])
        left = slot.capacity - slot_places_taken(slot=slot, now=now)
        if places > left > 0:
            raise BookingError(
                ngettext(
                    "Only %(left)s place is left at this time. Please book fewer places.",
                    "Only %(left)s places are left at this time. Please book fewer places.",
                    left,
                )
                % {"left": left}
            )
        if places > left:
            raise BookingError(
                _("Sorry, this time has just been fully booked. Please choose another time.")
            )
        booking = Booking.objects.create(
            slot=slot,
            user=user,
            places=places,
            held_until=now + datetime.timedelta(minutes=settings.THECEN_BOOKING_HOLD_MINUTES),
        )
        option = Option.objects.get(code=BOOKING_OPTION)
        # The line shows the time to the customer; the reference after " · " finds the booking.
        when = date_format(timezone.localtime(starts_at), "Y-m-d H:i")
        basket.add_product(
            service.product,
            quantity=places,
            options=[{"option": option, "value": f"{when} · {booking.reference}"}],
        )
    return booking


def _booking_reference(line) -> str | None:
    return line_booking_reference(line)


def bookings_lock_for_basket(*, basket, user, now: datetime.datetime) -> list[Booking]:
    """Check, under lock, that every booking in the basket is still held for this customer."""
    for line in basket.all_lines():
        # A service enters an order only with the booking that holds its time.
        if line.product.get_product_class().slug == SERVICE_CLASS and not _booking_reference(line):
            raise BookingError(
                _("Please book %(title)s on its page: choose a time there.")
                % {"title": line.product.get_title()}
            )
    references = [ref for line in basket.all_lines() if (ref := _booking_reference(line))]
    if not references:
        return []
    bookings = list(
        Booking.objects.select_for_update()
        .filter(reference__in=references)
        .select_related("slot__service__product")
        .order_by("slot_id")
    )
    by_reference = {str(b.reference): b for b in bookings}
    quantities = {_booking_reference(line): line.quantity for line in basket.all_lines()}
    for reference in references:
        booking = by_reference.get(reference)
        if booking is None or (user.is_authenticated and booking.user_id != user.pk):
            raise BookingError(_("A booking in your basket could not be found."))
        title = booking.service.product.get_title()
        if booking.status != Booking.Status.HELD or booking.held_until <= now:
            raise BookingError(
                _("Your hold on %(title)s has expired. Please remove it and book again.")
                % {"title": title}
            )
        if quantities[reference] != booking.places:
            raise BookingError(
                _("To change the number of places for %(title)s, please book again.")
                % {"title": title}
            )
    return bookings


def bookings_attach_order(*, order, paid_by: str, deadline: datetime.datetime | None) -> list:
    """The order is placed: held bookings now wait for the deposit, or are confirmed (on site)."""
    attached = []
    for line in order.lines.prefetch_related("attributes__option"):
        reference = _booking_reference(line)
        if not reference:
            continue
        booking = Booking.objects.select_for_update().get(reference=reference)
        booking.order_line = line
        booking.paid_by = paid_by
        if paid_by == PaymentMethod.ON_SITE:
            booking.status = Booking.Status.CONFIRMED
            booking.held_until = None
        else:
            booking.status = Booking.Status.AWAITING_DEPOSIT
            booking.held_until = deadline
        booking.save()
        attached.append(booking)
    for booking in attached:
        if booking.status == Booking.Status.CONFIRMED:
            booking_send_confirmation(booking=booking)  # sent once the transaction commits
    return attached


def _calendar_event(booking: Booking, *, cancelled: bool = False) -> CalendarEvent:
    """The booking as a calendar event: one UID for its whole life; a cancellation is the
    event's next version (SEQUENCE 1), so the calendar that holds it removes it."""
    service = booking.slot.service
    starts = booking.slot.starts_at
    return CalendarEvent(
        uid=calendar_uid("booking", booking.reference),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=service.duration_minutes),
        summary=service.product.get_title(),
        location=service.place,
        sequence=1 if cancelled else 0,
        cancelled=cancelled,
        organizer_name=settings.OSCAR_SHOP_NAME,
        organizer_email=settings.THECEN_OPERATOR["email"],
        attendee_name=booking.user.get_full_name(),
        attendee_email=booking.user.email,
    )


def _calendar_file(booking: Booking, *, cancelled: bool = False) -> tuple[str, str, str]:
    method = Method.CANCEL if cancelled else Method.REQUEST
    return calendar_attachment(
        "booking.ics", [_calendar_event(booking, cancelled=cancelled)], method=method
    )


def booking_send_confirmation(*, booking: Booking) -> None:
    title = booking.service.product.get_title()
    body = _(
        "Your booking is confirmed.\n\n%(title)s\n%(when)s\n%(place)s\n\n"
        "The attached calendar file adds it to your calendar."
    ) % {"title": title, "when": _when(booking), "place": booking.service.place}
    mail_send(
        subject=_("Booking confirmed: %(title)s") % {"title": title},
        body=body,
        to=[booking.user.email],
        attachments=[_calendar_file(booking)],
    )


def booking_send_cancellation(*, booking: Booking, reason: str = "") -> None:
    """Tell the customer, with a calendar file that removes the event (METHOD:CANCEL)."""
    title = booking.service.product.get_title()
    lines = [
        _("Your booking was cancelled.")
        if booking.cancelled_by == "customer"
        else _("We are sorry: %(title)s on %(when)s was cancelled by the provider.")
        % {"title": title, "when": _when(booking)},
        "",
        title,
        _when(booking),
    ]
    if reason:
        lines.append(_("Reason: %(reason)s") % {"reason": reason})
    if booking.refund_amount:
        lines.append(_("Your payment will be refunded in full."))
    lines += ["", _("The attached calendar file removes it from your calendar.")]
    mail_send(
        subject=_("Your booking was cancelled: %(title)s") % {"title": title},
        body="\n".join(lines),
        to=[booking.user.email],
        attachments=[_calendar_file(booking, cancelled=True)],
    )


def bookings_confirm_paid(*, order) -> list[Booking]:
    """The deposit arrived: the order's bookings are confirmed and the customer is emailed."""
    bookings = list(
        Booking.objects.select_for_update().filter(
            order_line__order=order, status=Booking.Status.AWAITING_DEPOSIT
        )
    )
    for booking in bookings:
        booking.status = Booking.Status.CONFIRMED
        booking.held_until = None
        booking.save(update_fields=["status", "held_until"])
        booking_send_confirmation(booking=booking)  # sent once the transaction commits
    return bookings


def _send_cancellations(confirmed, reason: str) -> None:
    """Confirmed bookings were in the customer's calendar: tell them it is off."""
    for booking in Booking.objects.filter(pk__in=[b.pk for b in confirmed]).select_related(
        "slot__service__product", "user"
    ):
        booking_send_cancellation(booking=booking, reason=reason)


def bookings_release_for_order(*, order, reason: str) -> int:
    """A cancelled order frees its places."""
    return bookings_release_for_orders(order_ids=[order.pk], reason=reason)


def bookings_release_for_orders(*, order_ids: list[int], reason: str) -> int:
    """Cancelled orders free their places: two queries whatever their number (and a mail,
    queued, for each booking that was already in a customer's calendar)."""
    bookings = Booking.objects.filter(
        order_line__order_id__in=order_ids,
        status__in=[Booking.Status.HELD, Booking.Status.AWAITING_DEPOSIT, Booking.Status.CONFIRMED],
    )
    confirmed = list(bookings.filter(status=Booking.Status.CONFIRMED).only("pk"))
    released = bookings.update(
        status=Booking.Status.CANCELLED,
        cancelled_by="system",
        cancel_reason=reason,
        cancelled_at=timezone.now(),
    )
    _send_cancellations(confirmed, reason)
    return released


def bookings_release_for_lines(*, lines, by: str, reason: str, refunded: bool = False) -> int:
    """Cancelled order lines free their places (a booking already cancelled is left alone).

    When the order was paid, each booking records its line's price as refunded.
    """
    released, confirmed = 0, []
    for line in lines:
        bookings = Booking.objects.filter(
            order_line=line,
            status__in=[
                Booking.Status.HELD,
                Booking.Status.AWAITING_DEPOSIT,
                Booking.Status.CONFIRMED,
            ],
        )
        confirmed += bookings.filter(status=Booking.Status.CONFIRMED).only("pk")
        released += bookings.update(
            status=Booking.Status.CANCELLED,
            cancelled_by=by,
            cancel_reason=reason,
            cancelled_at=timezone.now(),
            refund_amount=line.line_price_incl_tax if refunded else None,
        )
    _send_cancellations(confirmed, reason)
    return released


def _lock_order_of(booking: Booking) -> None:
    """Lock the booking's order row first: every write on an order locks it before anything
    else (see orderpayments.services), so a deposit confirmation and a cancellation queue up
    instead of deadlocking."""
    Order = get_model("order", "Order")
    Order.objects.select_for_update(of=("self",)).filter(lines__booking=booking).first()


def _booking_cancel(*, booking: Booking, by: str, reason: str, tell: bool = False) -> Booking:
    """Cancel and free the place; the customer's calendar learns it when the booking was
    confirmed (it holds the event) or when ``tell`` (the provider cancelled)."""
    was_confirmed = booking.status == Booking.Status.CONFIRMED
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_by = by
    booking.cancel_reason = reason
    booking.cancelled_at = timezone.now()
    line = booking.order_line
    if line is not None and order_is_paid(order=line.order):
        booking.refund_amount = line.line_price_incl_tax
    booking.save()
    if was_confirmed or tell:
        # Before the order's own mail, which says what is left to pay.
        booking_send_cancellation(booking=booking, reason=reason)
    if line is not None:
        order_lines_cancel(order=line.order, lines=[line], actor=by, reason=reason)
    return booking


def booking_cancel_by_customer(*, booking: Booking, user, now=None) -> Booking:
    now = now or timezone.now()
    with transaction.atomic():
        _lock_order_of(booking)
        booking = (
            Booking.objects.select_for_update().select_related("slot__service").get(pk=booking.pk)
        )
        if booking.user_id != user.pk:
            raise BookingError(_("This is not your booking."))
        refusal = booking_cancel_refusal(booking=booking, now=now)
        if refusal:
            raise BookingError(refusal)
        return _booking_cancel(booking=booking, by="customer", reason="")


def booking_cancel_by_partner(*, booking: Booking, reason: str) -> Booking:
    if not reason.strip():
        raise BookingError(_("Please give the customer a reason."))
    with transaction.atomic():
        _lock_order_of(booking)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status in (Booking.Status.CANCELLED, Booking.Status.EXPIRED):
            raise BookingError(_("This booking is already cancelled."))
        return _booking_cancel(booking=booking, by="partner", reason=reason, tell=True)


def bookings_expire_holds(*, now=None) -> int:
    now = now or timezone.now()
    return Booking.objects.filter(status=Booking.Status.HELD, held_until__lte=now).update(
        status=Booking.Status.EXPIRED
    )


def bookings_send_reminders(*, now=None) -> int:
    """Email a reminder (with the calendar file) for confirmed bookings starting within a day."""
    now = now or timezone.now()
    due = Booking.objects.filter(
        status=Booking.Status.CONFIRMED,
        reminded_at__isnull=True,
        slot__starts_at__gt=now,
        slot__starts_at__lte=now + datetime.timedelta(days=1),
    ).select_related("slot__service__product", "user")
    sent = 0
    for booking in due:
        title = booking.service.product.get_title()
        mail_send(
            subject=_("Reminder: %(title)s") % {"title": title},
            body=_("See you soon.\n\n%(title)s\n%(when)s\n%(place)s")
            % {"title": title, "when": _when(booking), "place": booking.service.place},
            to=[booking.user.email],
            attachments=[_calendar_file(booking)],
        )
        booking.reminded_at = now
        booking.save(update_fields=["reminded_at"])
        sent += 1
    return sent


def consultation_ask(*, service: Service, customer, question: str) -> Consultation:
    consultation = Consultation.objects.create(
        service=service, customer=customer, question=question.strip()
    )
    recipients = [u.email for u in service_partner_users(service=service) if u.email]
    mail_send(
        subject=_("New question about %(title)s") % {"title": service},
        body=_("%(question)s\n\nAnswer it in your dashboard.")
        % {"question": consultation.question},
        to=recipients,
    )
    return consultation


def consultation_answer(*, consultation: Consultation, answer: str, by) -> Consultation:
    consultation.answer = answer.strip()
    consultation.answered_by = by
    consultation.answered_at = timezone.now()
    consultation.save()
    mail_send(
        subject=_("Answer to your question about %(title)s") % {"title": consultation.service},
        body=_("You asked:\n%(question)s\n\nThe answer:\n%(answer)s")
        % {"question": consultation.question, "answer": consultation.answer},
        to=[consultation.customer.email],
    )
    return consultation


def booking_mark_paid_on_site(*, booking: Booking, by) -> Booking:
    """The partner was paid on site: the order becomes Paid (and the MC commission is written).

    Allowed only when every line of the order is the partner's own, or for the operator.
    """
    line = booking.order_line
    if booking.paid_by != PaymentMethod.ON_SITE or line is None:
        raise BookingError(_("This booking is not paid on site."))
    order = line.order
    if not by.is_staff and order.lines.exclude(partner__users=by).exists():
        raise BookingError(_("This order has lines of other providers: ask the operator."))
    try:
        order_payment_confirm(order=order, by=by)
    except ValueError as error:
        raise BookingError(str(error)) from error
    return booking


def service_save(*, form, slots, exceptions) -> Service:
    """Save a service with its weekly times and exceptions; existing bookings are kept."""
    with transaction.atomic():
        service = form.save()
        slots.instance = exceptions.instance = service
        slots.save()
        exceptions.save()
    return service
