"""Writes on a line's fulfilment: prepare, ship, deliver, confirm; every move an event and a note.

Every write locks the order row first (like every write on an order here), then the line's
fulfilment row, so two clicks or two people give one move, and a move that is not the next one
is refused with a message and changes nothing.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from commerce.core.mail import mail_send
from commerce.orderpayments.methods import CANCELLED
from commerce.orderpayments.services import order_is_paid

from .models import Courier, FulfilmentEvent, LineFulfilment
from .states import State, can_move

Order = get_model("order", "Order")
Line = get_model("order", "Line")

# Oscar's own line status follows ours where its pipeline has a step for it.
OSCAR_STATUS = {
    State.PREPARING: "Being processed",
    State.SHIPPED: "Shipped",
    State.CONFIRMED: "Complete",
}


class FulfilmentError(ValueError):
    """A move that is not allowed; the message is for the person who tried it."""


def line_ships(line) -> bool:
    """Goods ship; services (and anything without shipping) never do."""
    product = line.product
    return bool(product and product.get_product_class().requires_shipping)


def partner_may_act(*, user, line) -> bool:
    if user is None:
        return False
    if user.is_staff:
        return True
    return line.partner_id is not None and line.partner.users.filter(pk=user.pk).exists()


def _locked(line):
    """The order, the line and its fulfilment row (or None), locked in that order."""
    order = Order.objects.select_for_update().get(pk=line.order_id)
    line = Line.objects.select_related("product__product_class", "partner", "stockrecord").get(
        pk=line.pk
    )
    fulfilment = LineFulfilment.objects.select_for_update().filter(line=line).first()
    return order, line, fulfilment


def _move(*, order, line, fulfilment, to: str, by, actor_kind: str, note: str = ""):
    current = fulfilment.state if fulfilment else None
    if not can_move(current, to):
        raise FulfilmentError(
            _("%(title)s is %(state)s: it cannot become %(new)s.")
            % {
                "title": line.title,
                "state": State(current).label if current else _("paid"),
                "new": State(to).label,
            }
        )
    if fulfilment is None:
        fulfilment = LineFulfilment(line=line, partner_id=line.partner_id)
    fulfilment.state = to
    fulfilment.save()
    FulfilmentEvent.objects.create(
        line=line, state=to, actor=by, actor_kind=actor_kind, note=note[:300]
    )
    status = OSCAR_STATUS.get(to)
    if status and status in line.available_statuses():
        line.set_status(status)
    message = _("%(title)s: %(state)s.") % {"title": line.title, "state": State(to).label}
    if note:
        message += " " + note
    order.notes.create(user=by, note_type="System", message=message)
    return fulfilment


def _partner_checks(*, order, line, by):
    if not partner_may_act(user=by, line=line):
        raise FulfilmentError(_("You can only act on your own lines."))
    if not line_ships(line):
        raise FulfilmentError(
            _("%(title)s is a service: it is not shipped.") % {"title": line.title}
        )
    if line.status == CANCELLED or order.status == CANCELLED:
        raise FulfilmentError(_("%(title)s was cancelled.") % {"title": line.title})
    if not order_is_paid(order=order):
        raise FulfilmentError(_("Order %(number)s is not paid yet.") % {"number": order.number})


def line_prepare(*, line, by) -> LineFulfilment:
    """배송준비: the partner has seen the paid line and is packing it."""
    with transaction.atomic():
        order, line, fulfilment = _locked(line)
        _partner_checks(order=order, line=line, by=by)
        return _move(
            order=order,
            line=line,
            fulfilment=fulfilment,
            to=State.PREPARING,
            by=by,
            actor_kind="partner",
        )


def parcel_clean(*, courier: Courier | None, tracking_number: str) -> str:
    """The tracking number without spaces or dashes, or a FulfilmentError saying what is wrong."""
    tracking_number = "".join((tracking_number or "").split()).replace("-", "")
    if not (
        tracking_number.isascii() and tracking_number.isalnum() and 6 <= len(tracking_number) <= 30
    ):
        raise FulfilmentError(_("Enter the tracking number (6 to 30 letters or digits)."))
    if courier is None or not courier.active:
        raise FulfilmentError(_("Choose the courier."))
    return tracking_number


def line_ship(*, line, by, courier: Courier, tracking_number: str) -> LineFulfilment:
    """배송중: handed to ``courier`` with ``tracking_number``; the allocated stock leaves."""
    tracking_number = parcel_clean(courier=courier, tracking_number=tracking_number)
    with transaction.atomic():
        order, line, fulfilment = _locked(line)
        _partner_checks(order=order, line=line, by=by)
        fulfilment = _move(
            order=order,
            line=line,
            fulfilment=fulfilment,
            to=State.SHIPPED,
            by=by,
            actor_kind="partner",
            note=f"{courier.name} {tracking_number}",
        )
        fulfilment.courier = courier
        fulfilment.tracking_number = tracking_number
        fulfilment.shipped_at = timezone.now()
        fulfilment.save(update_fields=["courier", "tracking_number", "shipped_at"])
        record = line.stockrecord
        if record is not None and record.can_track_allocations:
            if record.is_allocation_consumption_possible(line.quantity):
                record.consume_allocation(line.quantity)
        _mail_shipped(order=order, line=line, fulfilment=fulfilment)
    return fulfilment


def line_deliver(*, line, by, actor_kind: str = "partner") -> LineFulfilment:
    """배송완료: the parcel arrived; the return window and the confirmation clock start."""
    with transaction.atomic():
        order, line, fulfilment = _locked(line)
        _partner_checks(order=order, line=line, by=by)
        fulfilment = _move(
            order=order,
            line=line,
            fulfilment=fulfilment,
            to=State.DELIVERED,
            by=by,
            actor_kind=actor_kind,
        )
        fulfilment.delivered_at = timezone.now()
        fulfilment.save(update_fields=["delivered_at"])
        _mail_delivered(order=order, line=line)
    return fulfilment


def line_confirm(*, line, by=None, automatic: bool = False) -> LineFulfilment:
    """구매확정, by the customer (their own order) or the daily job: the line becomes settleable."""
    with transaction.atomic():
        order, line, fulfilment = _locked(line)
        if not automatic and (by is None or order.user_id != by.pk):
            raise FulfilmentError(_("Only the customer can confirm the purchase."))
        if fulfilment is not None and fulfilment.state == State.DELIVERED:
            if line.return_requests.filter(status="requested").exists():
                raise FulfilmentError(
                    _("A return of %(title)s is waiting for the partner's answer.")
                    % {"title": line.title}
                )
        note = (
            _("Confirmed automatically %(days)s days after delivery.")
            % {"days": settings.THECEN_PURCHASE_CONFIRM_DAYS}
            if automatic
            else ""
        )
        fulfilment = _move(
            order=order,
            line=line,
            fulfilment=fulfilment,
            to=State.CONFIRMED,
            by=None if automatic else by,
            actor_kind="system" if automatic else "customer",
            note=note,
        )
        fulfilment.confirmed_at = timezone.now()
        fulfilment.save(update_fields=["confirmed_at"])
    return fulfilment


def lines_confirm_matured(*, now: datetime.datetime | None = None) -> int:
    """Confirm the lines delivered (or whose replacement was delivered, for an exchange)
    THECEN_PURCHASE_CONFIRM_DAYS days ago or more, unless a return is waiting; the daily job.
    Returns how many were confirmed."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.THECEN_PURCHASE_CONFIRM_DAYS)
    due = (
        LineFulfilment.objects.filter(
            Q(state=State.DELIVERED, delivered_at__lte=cutoff)
            | Q(state=State.EXCHANGED, exchange_delivered_at__lte=cutoff)
        )
        .exclude(line__return_requests__status="requested")
        .values_list("line_id", flat=True)
        .order_by("line_id")
    )
    count = 0
    for line in Line.objects.filter(pk__in=list(due)):
        try:
            line_confirm(line=line, automatic=True)
        except FulfilmentError:
            continue  # moved meanwhile (confirmed by the customer, a return requested)
        count += 1
    return count


def _mail_shipped(*, order, line, fulfilment) -> None:
    if not order.email:
        return
    body = _(
        "%(title)s of your order %(number)s is on its way.\n\n"
        "Courier: %(courier)s\nTracking number: %(tracking)s\nTrack the parcel: %(url)s"
    ) % {
        "title": line.title,
        "number": order.number,
        "courier": fulfilment.courier.name,
        "tracking": fulfilment.tracking_number,
        "url": fulfilment.tracking_link,
    }
    mail_send(
        subject=_("Your order %(number)s has shipped") % {"number": order.number},
        body=body,
        to=[order.email],
    )


def _mail_delivered(*, order, line) -> None:
    if not order.email:
        return
    body = _(
        "%(title)s of your order %(number)s was delivered.\n\n"
        "Please confirm the purchase on your order page if all is well. You may ask for a return "
        "or an exchange within %(return_days)s days; otherwise the purchase is confirmed "
        "automatically after %(confirm_days)s days."
    ) % {
        "title": line.title,
        "number": order.number,
        "return_days": settings.THECEN_RETURN_DAYS,
        "confirm_days": settings.THECEN_PURCHASE_CONFIRM_DAYS,
    }
    mail_send(
        subject=_("Your order %(number)s was delivered") % {"number": order.number},
        body=body,
        to=[order.email],
    )
