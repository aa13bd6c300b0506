"""Oscar's order dashboard, where a partner sees and fulfils only its own lines."""

from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _
from oscar.apps.dashboard.orders import views
from oscar.apps.dashboard.orders.views import *  # noqa: F403

from commerce.orderpayments.handlers import EventHandler
from commerce.orderpayments.services import CANCELLED, PAID, order_is_paid, order_lines_cancel


class OrderListView(views.OrderListView):
    def get_handler_class(self):
        return EventHandler


class OrderDetailView(views.OrderDetailView):
    def get_handler_class(self):
        return EventHandler

    def get_order_lines(self):
        lines = super().get_order_lines()
        if self.request.user.is_staff:
            return lines
        return lines.filter(partner__users=self.request.user)

    def change_line_statuses(self, request, order, lines, quantities):
        """Partners fulfil and cancel their lines; payment is confirmed by the operator.

        A cancelled line returns its stock, reverses its MC commission and records a refund.
        """
        new_status = request.POST.get("new_status", "").strip()
        if new_status == PAID and not request.user.is_staff:
            return self.reload_page(error=_("Payment is confirmed by the operator."))
        if new_status != CANCELLED:
            return super().change_line_statuses(request, order, lines, quantities)
        lines = list(lines)
        if any(CANCELLED not in line.available_statuses() for line in lines):
            return self.reload_page(error=_("These lines cannot be cancelled."))
        refund = (
            sum(line.line_price_incl_tax for line in lines) if order_is_paid(order=order) else None
        )
        order_lines_cancel(order=order, lines=lines, refunded=refund)
        messages.info(request, _("The lines are cancelled; stock and commission are updated."))
        return self.reload_page()

    def handle_order_action(self, request, order, action):
        # The order as a whole (status, payment) belongs to the operator; partners act on lines.
        if not request.user.is_staff and action != "save_note":
            return self.reload_page(error=_("Only the operator can change the whole order."))
        return super().handle_order_action(request, order, action)


class LineDetailView(views.LineDetailView):
    def get_object(self, queryset=None):
        line = super().get_object(queryset)
        user = self.request.user
        if not user.is_staff and not line.partner.users.filter(pk=user.pk).exists():
            raise Http404()
        return line
