"""Oscar's order event handler, so that dashboard status changes go through our services."""

from oscar.apps.order import processing

from .models import OrderPayment
from .services import CANCELLED, PAID, order_cancel, order_payment_confirm


class EventHandler(processing.EventHandler):
    """ "Paid" confirms the payment (bookings, MC commission, dues); "Cancelled" releases."""

    def handle_order_status_change(self, order, new_status, note_msg=None):
        has_payment = OrderPayment.objects.filter(order=order).exists()
        if new_status == PAID and has_payment:
            order_payment_confirm(order=order, by=self.user)
        elif new_status == CANCELLED and has_payment:
            order_cancel(order=order, reason=note_msg or "")
        else:
            return super().handle_order_status_change(order, new_status, note_msg=note_msg)
        if note_msg:
            self.create_note(order, note_msg)
