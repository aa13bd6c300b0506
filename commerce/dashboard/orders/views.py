"""Oscar's order dashboard, where a partner sees and fulfils only its own lines."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from oscar.apps.dashboard.orders import views
from oscar.apps.dashboard.orders.views import *  # noqa: F403
from oscar.templatetags.currency_filters import currency

from commerce.core.exports import spreadsheet_response
from commerce.fulfilment.forms import RefuseForm, ShipForm
from commerce.fulfilment.models import Courier, ReturnRequest
from commerce.fulfilment.returns import (
    exchange_deliver,
    exchange_ship,
    return_accept,
    return_refuse,
)
from commerce.fulfilment.selectors import order_line_rows
from commerce.fulfilment.services import (
    FulfilmentError,
    line_deliver,
    line_prepare,
    line_ship,
)
from commerce.orderpayments.handlers import EventHandler
from commerce.orderpayments.methods import CANCELLED, PAID
from commerce.orderpayments.services import order_is_paid, order_lines_cancel

from .selectors import orders_for_user

# The partner's per-line fulfilment buttons (one line each, no quantities).
FULFIL_ACTIONS = (
    "fulfil_prepare",
    "fulfil_ship",
    "fulfil_deliver",
    "return_accept",
    "return_refuse",
    "exchange_ship",
    "exchange_deliver",
)


def _ids(values) -> list[int]:
    """Posted row ids, without the ones that are not ids (a 404-free, 500-free filter)."""
    return [int(v) for v in values if v.isascii() and v.isdigit() and len(v) <= 18]


class OrderListView(views.OrderListView):
    """The order list; its download is an Excel-safe XLSX (``?response_format=csv``: CSV with
    a BOM), with Korean statuses and Seoul times."""

    def dispatch(self, request, *args, **kwargs):
        # Oscar's dispatch only sets base_queryset (a join over the lines + DISTINCT); ours is
        # the same set of orders through EXISTS (see orders_for_user).
        self.base_queryset = orders_for_user(request.user).order_by("-date_placed")
        return super(views.OrderListView, self).dispatch(request, *args, **kwargs)

    def get_handler_class(self):
        return EventHandler

    def get_actions(self):
        # A whole order's status (paid, cancelled) is the operator's, or the payment
        # webhook's: partners act on their own lines from the order page.
        actions = super().get_actions()
        if not self.request.user.is_staff:
            actions = {k: v for k, v in actions.items() if k != "change_order_statuses"}
        return actions

    def get_selected_ids(self, request):
        if request.POST.get(self.select_across_param, "").lower() == "1":
            return super().get_selected_ids(request)
        posted = _ids(request.POST.getlist(f"selected_{self.get_checkbox_object_name()}"))
        return list(self.get_queryset().filter(pk__in=posted).values_list("pk", flat=True))

    def change_order_statuses(self, request, orders):
        if not request.user.is_staff:  # never reached through get_actions; kept as a guard
            raise PermissionDenied
        return super().change_order_statuses(request, orders)

    def change_order_status(self, request, order):
        if "new_status" not in request.POST:
            messages.error(request, _("Choose the new status."))
            return None
        return super().change_order_status(request, order)

    def is_csv_download(self):
        return self.request.GET.get("response_format") in ("csv", "xlsx")

    def download_selected_orders(self, request, orders):
        headers = list(self.CSV_COLUMNS.values())
        rows = (self.export_row(order) for order in orders)
        fmt = "csv" if request.GET.get("response_format") == "csv" else "xlsx"
        return spreadsheet_response(filename=_("orders"), headers=headers, rows=rows, fmt=fmt)

    def export_row(self, order):
        row = self.get_row_values(order)
        row["date"] = order.date_placed  # exports write it in Asia/Seoul
        row["value"] = int(order.total_incl_tax)  # KRW has no minor unit
        row["status"] = pgettext("order status", order.status)
        return [row.get(column, "") for column in self.CSV_COLUMNS]


class OrderDetailView(views.OrderDetailView):
    def get_handler_class(self):
        return EventHandler

    def get_order_lines(self):
        lines = super().get_order_lines()
        if self.request.user.is_staff:
            return lines
        return lines.filter(partner__users=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["fulfilment_rows"] = order_line_rows(
            lines=self.get_order_lines().select_related("product__product_class", "partner")
        )
        ctx["couriers"] = Courier.objects.filter(active=True)
        ctx["order_paid"] = order_is_paid(order=self.object)
        return ctx

    def fulfil(self, request, order, action):
        """One partner button on one of its own lines: the fulfilment services decide."""
        ids = _ids(request.POST.getlist("selected_line"))
        line = self.get_order_lines().filter(pk__in=ids[:1]).first()
        if len(ids) != 1 or line is None:
            return self.reload_page(error=_("You can only act on your own lines."))
        try:
            if action == "fulfil_prepare":
                line_prepare(line=line, by=request.user)
            elif action == "fulfil_ship":
                form = ShipForm(request.POST)
                if not form.is_valid():
                    return self.reload_page(
                        error=_("Choose the courier and enter the tracking number.")
                    )
                line_ship(
                    line=line,
                    by=request.user,
                    courier=form.cleaned_data["courier"],
                    tracking_number=form.cleaned_data["tracking_number"],
                )
            elif action == "fulfil_deliver":
                line_deliver(line=line, by=request.user)
            elif action == "exchange_ship":
                form = ShipForm(request.POST)
                if not form.is_valid():
                    return self.reload_page(
                        error=_("Choose the courier and enter the tracking number.")
                    )
                exchange_ship(
                    line=line,
                    by=request.user,
                    courier=form.cleaned_data["courier"],
                    tracking_number=form.cleaned_data["tracking_number"],
                )
            elif action == "exchange_deliver":
                exchange_deliver(line=line, by=request.user)
            else:
                pending = ReturnRequest.objects.filter(
                    line=line, status=ReturnRequest.Status.REQUESTED
                ).first()
                if pending is None:
                    return self.reload_page(error=_("This request was already answered."))
                if action == "return_accept":
                    return_accept(request=pending, by=request.user)
                else:
                    form = RefuseForm(request.POST)
                    if not form.is_valid():
                        return self.reload_page(
                            error=_("Tell the customer why the return is refused.")
                        )
                    return_refuse(
                        request=pending, by=request.user, reason=form.cleaned_data["refusal_reason"]
                    )
        except FulfilmentError as error:
            return self.reload_page(error=str(error))
        messages.success(request, _("%(title)s: saved.") % {"title": line.title})
        return self.reload_page()

    def handle_line_action(self, request, order, action):
        if action in FULFIL_ACTIONS:
            return self.fulfil(request, order, action)
        # Oscar answers "Invalid lines requested" for lines it filtered out; say which and why.
        selected = request.POST.getlist("selected_line")
        if len(_ids(selected)) != len(selected):
            return self.reload_page(error=_("Choose the lines to act on."))
        for line_id in selected:
            qty = request.POST.get(f"selected_line_qty_{line_id}", "")
            if not (qty.isascii() and qty.isdigit() and len(qty) <= 9):
                return self.reload_page(error=_("Enter a quantity for each chosen line."))
        if action == "create_payment_event" and not request.user.is_staff:
            return self.reload_page(error=_("Payment is confirmed by the operator."))
        if not request.user.is_staff and selected:
            foreign = order.lines.filter(pk__in=selected).exclude(partner__users=request.user)
            if foreign.exists():
                return self.reload_page(error=_("You can only act on your own lines."))
        return super().handle_line_action(request, order, action)

    def change_line_statuses(self, request, order, lines, quantities):
        """Partners fulfil and cancel their lines; payment is confirmed by the operator.

        Cancelling goes through ``order_lines_cancel``: the amount due (or a refund), stock or
        places, MC commission, a note and the customer's email.
        """
        new_status = request.POST.get("new_status", "").strip()
        if new_status == PAID and not request.user.is_staff:
            return self.reload_page(error=_("Payment is confirmed by the operator."))
        if new_status != CANCELLED:
            return super().change_line_statuses(request, order, lines, quantities)
        lines = list(lines)
        done = [line for line in lines if line.status == CANCELLED]
        if done:
            return self.reload_page(
                error=_("Already cancelled: %(lines)s. Nothing was changed.")
                % {"lines": ", ".join(line.title for line in done)}
            )
        if any(CANCELLED not in line.available_statuses() for line in lines):
            return self.reload_page(error=_("These lines cannot be cancelled."))
        result = order_lines_cancel(
            order=order,
            lines=lines,
            by=request.user,
            actor="operator" if request.user.is_staff else "partner",
            reason=request.POST.get("reason", "").strip(),
        )
        if not result.lines:
            return self.reload_page(error=_("These lines were already cancelled."))
        if result.order_cancelled:
            messages.info(request, _("The last items are cancelled, so the order is cancelled."))
        elif result.refunded:
            messages.info(
                request,
                _("The lines are cancelled; a refund of %(amount)s is recorded.")
                % {"amount": currency(result.amount, order.currency)},
            )
        else:
            messages.info(
                request,
                _("The lines are cancelled; the customer now has to transfer %(amount)s.")
                % {"amount": currency(result.amount_due, order.currency)},
            )
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
