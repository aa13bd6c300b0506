"""Oscar's order dashboard, where a partner sees and fulfils only its own lines."""

from django.http import Http404
from django.utils.translation import gettext as _
from oscar.apps.dashboard.orders import views
from oscar.apps.dashboard.orders.views import *  # noqa: F403

from commerce.orderpayments.handlers import EventHandler


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
