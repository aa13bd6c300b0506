"""/dashboard/reports/sales/: operators see every partner; a partner sees its own sales only."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from commerce.core.exports import spreadsheet_response
from commerce.partner.access import PartnerDashboardMixin

from .forms import PeriodForm
from .selectors import REPORTS, last_months

Partner = get_model("partner", "Partner")

TITLES = {
    "partner": gettext_lazy("Sales by partner"),
    "category": gettext_lazy("Sales by category"),
    "campaign": gettext_lazy("Sales by MC and campaign"),
    "month": gettext_lazy("Sales by month"),
}


class SalesReportView(PartnerDashboardMixin, TemplateView):
    template_name = "commerce/reports/sales.html"

    def scope(self):
        """The partners whose sales this user may see: None means all (operators)."""
        user = self.request.user
        if user.is_staff:
            wanted = self.request.GET.get("partner", "")
            if wanted.isdigit():
                return Partner.objects.filter(pk=wanted)
            return None
        return user.partners.all()

    def get(self, request, *args, **kwargs):
        form = PeriodForm(request.GET or None)
        period = form.cleaned_data["period"] if form.is_valid() else last_months()
        if not form.is_bound:
            form = PeriodForm(initial={"start": period.first, "end": period.last})
        partners = self.scope()
        report = request.GET.get("report")
        fmt = request.GET.get("download")
        if fmt in ("csv", "xlsx") and report in REPORTS:
            return self.download(report, fmt, REPORTS[report](period=period, partners=partners))
        reports = [
            {"key": key, "title": TITLES[key], "rows": fetch(period=period, partners=partners)}
            for key, fetch in REPORTS.items()
            if not (key == "partner" and partners is not None and not request.user.is_staff)
        ]
        for item in reports:
            item["total"] = sum(row.amount for row in item["rows"])
        return self.render_to_response(
            self.get_context_data(
                form=form,
                period=period,
                reports=reports,
                partners=Partner.objects.order_by("name") if request.user.is_staff else None,
                scope=partners,
            )
        )

    def download(self, report, fmt, rows):
        headers = [_("Name"), _("Number of orders"), _("Units sold"), _("Sales (KRW)")]
        return spreadsheet_response(
            filename=str(TITLES[report]),
            headers=headers,
            rows=[(r.label, r.orders, r.quantity, r.amount) for r in rows],
            fmt=fmt,
        )
