"""Money back for one delivered line (a return): recorded once, told to the apps above."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from . import signals
from .models import OrderPayment

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")

REFUNDED = "Refunded"


@dataclass(frozen=True)
class LineRefund:
    event: object
    amount: Decimal
    created: bool


def order_line_refund(*, order, line, amount: Decimal, by=None, reason: str = "") -> LineRefund:
    """Refund ``amount`` of one paid line through the order's payment, once.

    Under the order's row lock (then its payment's): a payment event "Refunded" for the line,
    a refund transaction on the payment source, and ``order_line_refunded`` for the gateway and
    the commission. A second call for the same line records nothing and says so (created False).
    """
    amount = Decimal(amount)
    if amount < 0:
        raise ValueError(_("A refund cannot be negative."))
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        payment = OrderPayment.objects.select_for_update().filter(order=order).first()
        if payment is None or payment.paid_at is None:
            raise ValueError(_("This order was not paid, so nothing can be refunded."))
        if amount > line.line_price_incl_tax:
            raise ValueError(_("A refund cannot exceed what the line cost."))
        earlier = (
            PaymentEvent.objects.filter(
                order=order, event_type__name=REFUNDED, line_quantities__line=line
            )
            .order_by("pk")
            .first()
        )
        if earlier is not None:
            return LineRefund(event=earlier, amount=earlier.amount, created=False)
        event_type, _created = PaymentEventType.objects.get_or_create(name=REFUNDED)
        event = PaymentEvent.objects.create(
            order=order, amount=amount, event_type=event_type, reference=f"line-{line.pk}"
        )
        event.line_quantities.create(line=line, quantity=line.quantity)
        source = order.sources.first()
        if source is not None and amount:
            source.refund(amount, reference=_("Return of %(title)s") % {"title": line.title})
        signals.order_line_refunded.send(
            sender=OrderPayment, order=order, line=line, amount=amount, reason=reason, by=by
        )
    return LineRefund(event=event, amount=amount, created=True)
