import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from .forms import MCApplicationForm, MCReviewForm
from .models import MarketCreator
from .selectors import mc_for_user, mc_summary
from .services import ledger_mark_paid, mc_apply, mc_approve, mc_reject


class MCApplyView(LoginRequiredMixin, FormView):
    template_name = "commerce/mc/apply.html"
    form_class = MCApplicationForm

    def form_valid(self, form):
        mc_apply(user=self.request.user, **form.cleaned_data)
        return render(self.request, "commerce/mc/apply_done.html")


class MCDashboardView(LoginRequiredMixin, TemplateView):
    template_name = "commerce/mc/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        mc = mc_for_user(user=self.request.user)
        ctx["mc"] = mc
        if mc is not None:
            ctx["summary"] = mc_summary(mc=mc)
            ctx["share_link"] = self.request.build_absolute_uri(f"/?mc={mc.code}")
        return ctx


@permission_required("mc.change_marketcreator", raise_exception=True)
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


@permission_required("mc.change_ledgerentry", raise_exception=True)
def mc_payout_view(request, pk):
    """Operators pay an MC out: every entry up to the end of last month becomes paid."""
    mc = get_object_or_404(MarketCreator, pk=pk)
    first_of_month = timezone.localdate().replace(day=1)
    until = timezone.make_aware(datetime.datetime.combine(first_of_month, datetime.time.min))
    if request.method == "POST":
        count = ledger_mark_paid(mc=mc, until=until)
        messages.success(request, _("%(count)s ledger entries marked paid.") % {"count": count})
        return redirect("mc_ledgerentry_modeladmin_index")
    return render(
        request,
        "commerce/mc/payout.html",
        {"mc": mc, "summary": mc_summary(mc=mc), "until": until},
    )
