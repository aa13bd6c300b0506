from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from commerce.core.exports import spreadsheet_response

from .forms import MCApplicationForm, MCReviewForm, PayoutAccountForm, PayoutForm
from .models import MarketCreator, PayoutStatement
from .selectors import (
    mc_for_user,
    mc_summary,
    payout_payable,
    statement_rows,
    statements_for_mc,
    withholding_report_rows,
)
from .services import mc_apply, mc_approve, mc_reject, payout_statement_create


class MCApplyView(LoginRequiredMixin, FormView):
    template_name = "commerce/mc/apply.html"
    form_class = MCApplicationForm

    def payout_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return PayoutAccountForm(data, prefix="payout", kind=(data or {}).get("kind", ""))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("payout_form", self.payout_form())
        ctx = super().get_context_data(**kwargs)
        ctx["policies"] = list(ctx["form"].policies.values())
        return ctx

    def post(self, request, *args, **kwargs):
        form, payout_form = self.get_form(), self.payout_form()
        if form.is_valid() and payout_form.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            mc_apply(
                user=request.user,
                **fields,
                payout=payout_form.cleaned_data,
                policies=form.accepted_policies(),
            )
            return render(request, "commerce/mc/apply_done.html")
        return self.render_to_response(self.get_context_data(form=form, payout_form=payout_form))


class MCDashboardView(LoginRequiredMixin, TemplateView):
    template_name = "commerce/mc/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        mc = mc_for_user(user=self.request.user)
        ctx["mc"] = mc
        if mc is not None:
            ctx["summary"] = mc_summary(mc=mc)
            ctx["share_link"] = self.request.build_absolute_uri(f"/?mc={mc.code}")
            ctx["statements"] = statements_for_mc(mc=mc)
        return ctx


def statement_csv_response(statement: PayoutStatement, fmt: str = "csv") -> HttpResponse:
    """The statement as a spreadsheet (CSV with a BOM, or XLSX), through commerce.core.exports."""
    rows = statement_rows(statement=statement)
    return spreadsheet_response(
        filename="-".join(
            [
                _("payout statement"),
                statement.mc.code,
                f"{statement.period:%Y-%m}",
                str(statement.pk),
            ]
        ),
        headers=rows[0],
        rows=rows[1:],
        fmt=fmt,
    )


@login_required
def mc_statement_csv_view(request, pk):
    """An MC downloads one of their own payout statements."""
    mc = mc_for_user(user=request.user)
    statement = get_object_or_404(PayoutStatement.objects.select_related("mc"), pk=pk)
    if mc is None or statement.mc_id != mc.pk:
        raise Http404
    return statement_csv_response(statement, request.GET.get("format", "csv"))


@permission_required("mc.review_marketcreator", raise_exception=True)
def mc_review_view(request, pk):
    mc = get_object_or_404(MarketCreator, pk=pk)
    form = MCReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["decision"] == "approve":
            mc_approve(mc=mc, code=form.cleaned_data["code"])
            messages.success(request, _("Approved with the code %(code)s.") % {"code": mc.code})
        else:
            mc_reject(mc=mc, reason=form.cleaned_data["reason"])
            messages.success(request, _("Rejected: the applicant was emailed the reason."))
        return redirect("mc_marketcreator_modeladmin_index")
    return render(request, "commerce/mc/review.html", {"mc": mc, "form": form})


@permission_required("mc.add_payoutstatement", raise_exception=True)
def mc_payout_view(request, pk):
    """Operators pay an MC out for one month of confirmed commission."""
    mc = get_object_or_404(MarketCreator, pk=pk)
    payable = payout_payable(mc=mc)
    form = PayoutForm(request.POST or None, payable=payable)
    if request.method == "POST" and form.is_valid():
        statement = payout_statement_create(
            mc=mc, period=form.cleaned_data["period"], operator=request.user
        )
        if statement is None:
            messages.warning(request, _("Nothing left to pay for that month: already paid."))
        else:
            messages.success(
                request,
                _("Paid %(name)s ₩%(net)s for %(period)s.")
                % {
                    "name": mc.name,
                    "net": f"{statement.net:,}",
                    "period": statement.period.strftime("%Y-%m"),
                },
            )
        return redirect("mc_payoutstatement_modeladmin_index")
    return render(
        request,
        "commerce/mc/payout.html",
        {"mc": mc, "payable": payable, "form": form, "statements": statements_for_mc(mc=mc)},
    )


@permission_required("mc.view_payoutstatement", raise_exception=True)
def mc_statement_admin_csv_view(request, pk):
    statement = get_object_or_404(PayoutStatement, pk=pk)
    return statement_csv_response(statement, request.GET.get("format", "csv"))


@permission_required("mc.view_payoutstatement", raise_exception=True)
def mc_withholding_report_view(request, year):
    """The year's withholding report as XLSX; identity numbers in full only with the
    permission to see them."""
    full = request.user.has_perm("mc.view_payout_identity")
    rows = withholding_report_rows(year=year, full_identity=full)
    return spreadsheet_response(
        filename=_("withholding-report-%(year)s") % {"year": year},
        headers=rows[0],
        rows=rows[1:],
        fmt=request.GET.get("format", "xlsx"),
    )


@permission_required("mc.view_payoutaccount", raise_exception=True)
def mc_payout_account_view(request, pk):
    """An MC's payout account, masked; in full for users with mc.view_payout_identity."""
    mc = get_object_or_404(MarketCreator.objects.select_related("payout_account"), pk=pk)
    return render(
        request,
        "commerce/mc/payout_account.html",
        {
            "mc": mc,
            "account": getattr(mc, "payout_account", None),
            "full": request.user.has_perm("mc.view_payout_identity"),
        },
    )
