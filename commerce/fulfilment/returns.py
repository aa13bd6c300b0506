"""Returns and exchanges of delivered lines (청약철회): request, accept, refuse.

Who pays the return parcel follows who is at fault: a change of mind is the customer's (the
partner's one-way return fee is kept from the refund); a defect or a wrong item is the
partner's (full refund, and the fee is charged to the partner at settlement).
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from commerce.core.mail import mail_send
from commerce.orderpayments.refunds import order_line_refund
from commerce.shipping.selectors import partner_policy

from .models import FulfilmentEvent, LineFulfilment, ReturnRequest
from .services import FulfilmentError, _locked, _move, parcel_clean, partner_may_act
from .states import State

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


def return_deadline(fulfilment: LineFulfilment) -> datetime.datetime | None:
    if fulfilment is None or fulfilment.delivered_at is None:
        return None
    return fulfilment.delivered_at + datetime.timedelta(days=settings.THECEN_RETURN_DAYS)


def return_request(
    *, line, by, kind: str, reason_code: str, reason: str, photo=None
) -> ReturnRequest:
    """The customer asks to return or exchange a delivered line, within the return window."""
    reason = reason.strip()
    if kind not in ReturnRequest.Kind.values or reason_code not in ReturnRequest.Reason.values:
        raise FulfilmentError(_("Choose return or exchange and the reason."))
    if not reason:
        raise FulfilmentError(_("Tell the partner what is wrong."))
    with transaction.atomic():
        order, line, fulfilment = _locked(line)
        if by is None or order.user_id != by.pk:
            raise FulfilmentError(_("Only the customer can ask for a return."))
        if fulfilment is None or fulfilment.state != State.DELIVERED:
            raise FulfilmentError(
                _(
                    "%(title)s can be returned once it is delivered and before the purchase is "
                    "confirmed."
                )
                % {"title": line.title}
            )
        if timezone.now() > return_deadline(fulfilment):
            raise FulfilmentError(
                _("The %(days)s days for a return of %(title)s have passed.")
                % {"days": settings.THECEN_RETURN_DAYS, "title": line.title}
            )
        try:
            with transaction.atomic():
                request = ReturnRequest.objects.create(
                    line=line,
                    kind=kind,
                    reason_code=reason_code,
                    reason=reason[:1000],
                    photo=photo or "",
                )
        except IntegrityError:
            raise FulfilmentError(
                _("A return of %(title)s was already requested.") % {"title": line.title}
            ) from None
        label = ReturnRequest.Kind(kind).label
        FulfilmentEvent.objects.create(
            line=line,
            state=fulfilment.state,
            actor=by,
            actor_kind="customer",
            note=f"{label} {_('requested')}: {request.get_reason_code_display()}",
        )
        order.notes.create(
            user=by,
            note_type="System",
            message=_("%(kind)s requested for %(title)s (%(reason)s): %(details)s")
            % {
                "kind": label,
                "title": line.title,
                "reason": request.get_reason_code_display(),
                "details": reason[:300],
            },
        )
    _mail_partner(line=line, request=request)
    return request


def _fee_for(line) -> int:
    policy = partner_policy(partner=line.partner)
    return int(policy.return_fee) if policy is not None else 0


def return_accept(*, request: ReturnRequest, by) -> ReturnRequest:
    """The partner takes the line back: refund (a return) or a replacement (an exchange).

    Under the order's lock and the request's: the refund is recorded once through the order's
    payment, the stock comes back once, and the MC commission is reversed by the refund signal.
    A second accept (double click, two people) finds the request decided and changes nothing.
    """
    with transaction.atomic():
        order, line, fulfilment = _locked(request.line)
        request = ReturnRequest.objects.select_for_update().get(pk=request.pk)
        if not partner_may_act(user=by, line=line):
            raise FulfilmentError(_("You can only act on your own lines."))
        if request.status != ReturnRequest.Status.REQUESTED:
            return request
        fee = _fee_for(line)
        payer = request.at_fault
        price = int(line.line_price_incl_tax)
        request.status = ReturnRequest.Status.ACCEPTED
        request.decided_at = timezone.now()
        request.decided_by = by
        request.fee_payer = payer
        if request.kind == ReturnRequest.Kind.RETURN:
            request.return_fee = fee
            request.refund_amount = max(price - fee, 0) if payer == "buyer" else price
            _move(
                order=order,
                line=line,
                fulfilment=fulfilment,
                to=State.RETURNED,
                by=by,
                actor_kind="partner",
                note=_("Refund %(refund)s won; return shipping paid by the %(payer)s.")
                % {
                    "refund": f"{request.refund_amount:,}",
                    "payer": request.get_fee_payer_display(),
                },
            )
            fulfilment.refresh_from_db()
            fulfilment.returned_at = request.decided_at
            fulfilment.save(update_fields=["returned_at"])
            order_line_refund(
                order=order,
                line=line,
                amount=Decimal(request.refund_amount),
                by=by,
                reason=request.get_reason_code_display(),
            )
            if line.stockrecord_id and line_tracks_stock(line):
                StockRecord.objects.filter(pk=line.stockrecord_id).update(
                    num_in_stock=F("num_in_stock") + line.quantity
                )
        else:
            # an exchange: the parcel back and a replacement out, both ways; a customer who
            # changed their mind pays the courier, a partner at fault is charged at settlement.
            # No money moves through the order and the stock is unchanged.
            request.return_fee = fee * 2
            _move(
                order=order,
                line=line,
                fulfilment=fulfilment,
                to=State.EXCHANGING,
                by=by,
                actor_kind="partner",
                note=_("Exchange accepted."),
            )
        request.save()
    _mail_decision(order=order, line=line, request=request)
    return request


def exchange_ship(*, line, by, courier, tracking_number: str) -> LineFulfilment:
    """교환품 배송중: the partner hands the replacement of an accepted exchange to a courier.

    The first parcel's courier and number stay as they were; the replacement has its own.
    """
    tracking_number = parcel_clean(courier=courier, tracking_number=tracking_number)
    with transaction.atomic():
        order, line, fulfilment = _locked(line)
        if not partner_may_act(user=by, line=line):
            raise FulfilmentError(_("You can only act on your own lines."))
        fulfilment = _move(
            order=order,
            line=line,
            fulfilment=fulfilment,
            to=State.EXCHANGE_SHIPPED,
            by=by,
            actor_kind="partner",
            note=f"{courier.name} {tracking_number}",
        )
        fulfilment.exchange_courier = courier
        fulfilment.exchange_tracking_number = tracking_number
        fulfilment.exchange_shipped_at = timezone.now()
        fulfilment.save(
            update_fields=["exchange_courier", "exchange_tracking_number", "exchange_shipped_at"]
        )
        _mail_replacement_shipped(order=order, line=line, fulfilment=fulfilment)
    return fulfilment


def exchange_deliver(*, line, by) -> LineFulfilment:
    """교환 완료: the replacement arrived; the confirmation clock starts again from today."""
    with transaction.atomic():
        order, line, fulfilment = _locked(line)
        if not partner_may_act(user=by, line=line):
            raise FulfilmentError(_("You can only act on your own lines."))
        fulfilment = _move(
            order=order,
            line=line,
            fulfilment=fulfilment,
            to=State.EXCHANGED,
            by=by,
            actor_kind="partner",
        )
        fulfilment.exchange_delivered_at = timezone.now()
        fulfilment.save(update_fields=["exchange_delivered_at"])
    return fulfilment


def _mail_replacement_shipped(*, order, line, fulfilment) -> None:
    if not order.email:
        return
    body = _(
        "The replacement of %(title)s (order %(number)s) is on its way.\n\n"
        "Replacement: %(courier)s %(tracking)s\nTrack it: %(url)s\n\n"
        "First parcel: %(first_courier)s %(first_tracking)s\n%(first_url)s"
    ) % {
        "title": line.title,
        "number": order.number,
        "courier": fulfilment.exchange_courier.name,
        "tracking": fulfilment.exchange_tracking_number,
        "url": fulfilment.exchange_tracking_link,
        "first_courier": fulfilment.courier.name if fulfilment.courier_id else "",
        "first_tracking": fulfilment.tracking_number,
        "first_url": fulfilment.tracking_link,
    }
    mail_send(
        subject=_("Your order %(number)s: the replacement has shipped") % {"number": order.number},
        body=body,
        to=[order.email],
    )


def line_tracks_stock(line) -> bool:
    return bool(line.product and line.product.get_product_class().track_stock)


def return_refuse(*, request: ReturnRequest, by, reason: str) -> ReturnRequest:
    """The partner refuses, saying why; the line stays delivered (the customer may ask again)."""
    reason = reason.strip()
    if not reason:
        raise FulfilmentError(_("Tell the customer why the return is refused."))
    with transaction.atomic():
        order, line, _fulfilment = _locked(request.line)
        request = ReturnRequest.objects.select_for_update().get(pk=request.pk)
        if not partner_may_act(user=by, line=line):
            raise FulfilmentError(_("You can only act on your own lines."))
        if request.status != ReturnRequest.Status.REQUESTED:
            return request
        request.status = ReturnRequest.Status.REFUSED
        request.decided_at = timezone.now()
        request.decided_by = by
        request.refusal_reason = reason[:300]
        request.save()
        FulfilmentEvent.objects.create(
            line=line,
            state=State.DELIVERED,
            actor=by,
            actor_kind="partner",
            note=_("Return refused: %(reason)s") % {"reason": reason[:200]},
        )
        order.notes.create(
            user=by,
            note_type="System",
            message=_("%(kind)s of %(title)s refused: %(reason)s")
            % {"kind": request.get_kind_display(), "title": line.title, "reason": reason[:300]},
        )
    _mail_decision(order=order, line=line, request=request)
    return request


def _mail_partner(*, line, request) -> None:
    to = [user.email for user in line.partner.users.all() if user.email]
    mail_send(
        subject=_("%(kind)s requested: %(title)s")
        % {"kind": request.get_kind_display(), "title": line.title},
        body=_("Order %(number)s: %(reason)s\n%(details)s\n\nPlease answer in the dashboard.")
        % {
            "number": line.order.number,
            "reason": request.get_reason_code_display(),
            "details": request.reason,
        },
        to=to,
    )


def _mail_decision(*, order, line, request) -> None:
    if not order.email:
        return
    if request.status == ReturnRequest.Status.ACCEPTED and request.kind == "return":
        body = _("Your return of %(title)s was accepted. %(amount)s won will be refunded.") % {
            "title": line.title,
            "amount": f"{request.refund_amount:,}",
        }
    elif request.status == ReturnRequest.Status.ACCEPTED:
        body = _("Your exchange of %(title)s was accepted; the partner sends a replacement.") % {
            "title": line.title
        }
    else:
        body = _("Your request for %(title)s was refused: %(reason)s") % {
            "title": line.title,
            "reason": request.refusal_reason,
        }
    mail_send(
        subject=_("Your order %(number)s: %(kind)s")
        % {"number": order.number, "kind": request.get_kind_display()},
        body=body,
        to=[order.email],
    )
