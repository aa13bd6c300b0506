"""/dashboard/settlement/: a partner's statements and pending amounts; operators make and pay."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from oscar.core.loading import get_model

from commerce.core.exports import spreadsheet_response
from commerce.partner.access import PartnerDashboardMixin

from .forms import PaidForm, RunForm
from .models import Statement
from .selectors import partner_pending, statement_lines, statements_for
from .services import SettlementError, period_of, statement_mark_paid, statements_run

Partner = get_model("partner", "Partner")


class StatementListView(PartnerDashboardMixin, ListView):
    template_name = "commerce/settlement/statements.html"
    context_object_name = "statements"
    paginate_by = 50

    def get_queryset(self):
        return statements_for(user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        partners = Partner.objects.all() if user.is_staff else user.partners.all()
        ctx["pending"] = [
            (partner, partner_pending(partner=partner)) for partner in partners.order_by("pk")[:50]
        ]
        ctx["run_form"] = kwargs.get("run_form") or RunForm()
        return ctx

    def post(self, request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        form = RunForm(request.POST)
        if not form.is_valid():
            self.object_list = self.get_queryset()
            return self.render_to_response(self.get_context_data(run_form=form))
        start, end = period_of(form.cleaned_data["day"])
        made = statements_run(period_start=start, period_end=end, by=request.user)
        messages.success(
            request,
            _("%(count)s statements for %(start)s – %(end)s.")
            % {"count": len(made), "start": start, "end": end},
        )
        return redirect("settlement:statements")


class StatementDetailView(PartnerDashboardMixin, DetailView):
    template_name = "commerce/settlement/statement.html"
    context_object_name = "statement"

    def get_queryset(self):
        return statements_for(user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["lines"] = statement_lines(self.object)
        ctx["paid_form"] = kwargs.get("paid_form") or PaidForm()
        return ctx

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format")
        if fmt in ("csv", "xlsx"):
            return self.download(self.get_object(), fmt)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        self.object = statement = get_object_or_404(Statement, pk=kwargs["pk"])
        form = PaidForm(request.POST)
        if form.is_valid():
            try:
                statement_mark_paid(
                    statement=statement,
                    reference=form.cleaned_data["transfer_reference"],
                    by=request.user,
                )
            except SettlementError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The statement is marked paid."))
            return redirect("settlement:statement", pk=statement.pk)
        return self.render_to_response(self.get_context_data(paid_form=form))

    def download(self, statement, fmt):
        headers = [
            _("Order number"),
            _("Item"),
            _("Quantity"),
            _("Kind"),
            _("Confirmed or returned at"),
            _("Sale (KRW)"),
            _("Refund (KRW)"),
            _("Return shipping borne (KRW)"),
            _("MC commission borne (KRW)"),
        ]
        rows = [
            [
                row.line.order.number,
                row.line.title,
                row.line.quantity,
                row.get_kind_display(),
                row.settled_on,
                row.gross,
                row.refund,
                row.return_fee,
                row.mc_commission,
            ]
            for row in statement_lines(statement)
        ]

        def total(label, amount):
            # the totals stand in the sale column, under the lines they add up
            return [label, "", "", "", "", amount, "", "", ""]

        rows += [
            total(_("Sales (KRW)"), statement.gross),
            total(_("Shipping collected (KRW)"), statement.shipping),
            total(_("Refunds (KRW)"), -statement.refunds),
            total(_("Return shipping borne (KRW)"), -statement.return_fees),
            total(
                _("Platform fee (%(rate)s%% of %(base)s, 원 미만 절사)")
                % {"rate": statement.fee_rate, "base": f"{statement.fee_base:,}"},
                -statement.fee,
            ),
            total(_("MC commission borne (KRW)"), -statement.mc_commissions),
            total(_("Carried from before (KRW)"), statement.carried_in),
            total(_("Net to pay (KRW)"), statement.net),
        ]
        name = _("settlement-%(partner)s-%(start)s") % {
            "partner": statement.partner.code or statement.partner.pk,
            "start": statement.period_start.strftime("%Y-%m-%d"),
        }
        return spreadsheet_response(filename=name, headers=headers, rows=rows, fmt=fmt)
