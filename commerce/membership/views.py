from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import FormView, TemplateView
from oscar.core.loading import get_model

from commerce.core.inputs import id_or_none
from commerce.partner.access import PartnerDashboardMixin

from .forms import PartnerApplicationForm, ReviewForm
from .models import DuesInvoice, Membership, PartnerApplication
from .selectors import application_profile_link, membership_listing_error, partner_profile_link
from .services import (
    dues_invoice_add_to_basket,
    dues_mark_paid,
    listing_promote,
    listing_unpromote,
    membership_approve,
    membership_reject,
    partner_application_submit,
    partner_restore,
    partner_suspend,
)

Product = get_model("catalogue", "Product")


class ApplyView(FormView):
    """The public membership application (입점 신청)."""

    template_name = "commerce/membership/apply.html"
    form_class = PartnerApplicationForm

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["policies"] = list(ctx["form"].policies.values())
        return ctx

    def form_valid(self, form):
        partner_application_submit(data=form.application_data(), policies=form.accepted_policies())
        return render(self.request, "commerce/membership/apply_done.html", {"form": form})


class ApplicationReviewView(TemplateView):
    """Operators approve or reject an application, in the Wagtail admin."""

    template_name = "commerce/membership/review.html"

    def dispatch(self, request, pk):
        self.application = get_object_or_404(PartnerApplication, pk=pk)
        return super().dispatch(request, pk)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["application"] = self.application
        ctx["profile_link"] = application_profile_link(application=self.application)
        ctx["form"] = kwargs.get("form") or ReviewForm()
        return ctx

    def post(self, request, pk):
        form = ReviewForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            if form.cleaned_data["decision"] == "approve":
                membership_approve(
                    application=self.application, grade=form.cleaned_data["grade"], by=request.user
                )
                messages.success(request, _("Approved: the partner and its dashboard user exist."))
            else:
                membership_reject(
                    application=self.application,
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
                messages.success(request, _("Rejected: the applicant was emailed the reason."))
        except ValueError as error:
            messages.error(request, str(error))
        return redirect("membership_partnerapplication_modeladmin_index")


review_view = permission_required("membership.change_partnerapplication", raise_exception=True)(
    ApplicationReviewView.as_view()
)


@permission_required("membership.change_duesinvoice", raise_exception=True)
def dues_paid_view(request, pk):
    invoice = get_object_or_404(DuesInvoice, pk=pk)
    if request.method != "POST":
        return render(request, "commerce/membership/dues_paid.html", {"invoice": invoice})
    dues_mark_paid(invoice=invoice)
    messages.success(request, _("The dues are marked paid."))
    return redirect("membership_duesinvoice_modeladmin_index")


class SuspensionForm(forms.Form):
    reason = forms.CharField(
        label=_lazy("Reason (sent to the partner)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _lazy("Please write why the listings are suspended.")},
    )


@permission_required("membership.change_membership", raise_exception=True)
def suspension_view(request, pk):
    """The secretariat suspends a member's listings by hand (a complaint, a recall) or lifts a
    suspension, after a confirmation step; the partner is e-mailed either way."""
    membership = get_object_or_404(Membership.objects.select_related("partner"), pk=pk)
    partner = membership.partner
    suspending = not partner.is_suspended
    form = SuspensionForm(request.POST or None) if suspending else None
    if request.method == "POST" and (form is None or form.is_valid()):
        if suspending:
            partner_suspend(partner=partner, reason=form.cleaned_data["reason"])
            messages.success(request, _("%(name)s's listings are hidden.") % {"name": partner})
        else:
            partner_restore(partner=partner)
            messages.success(
                request, _("%(name)s's listings are on sale again.") % {"name": partner}
            )
        return redirect("membership_membership_modeladmin_index")
    return render(
        request,
        "commerce/membership/suspension.html",
        {"membership": membership, "partner": partner, "form": form, "suspending": suspending},
    )


class PartnerMembershipView(PartnerDashboardMixin, TemplateView):
    """A partner's grade, listing allowance, dues and suspension, with online dues payment."""

    template_name = "commerce/membership/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        memberships = (
            Membership.objects.filter(partner__users=self.request.user)
            .select_related("partner__application__profile_page", "grade")
            .prefetch_related("invoices")
        )
        ctx["memberships"] = [
            {
                "membership": m,
                "listed": m.partner.stockrecords.count(),
                "listing_error": membership_listing_error(partner=m.partner),
                "products": Product.objects.filter(stockrecords__partner=m.partner)
                .select_related("promotion")
                .distinct(),
                "promoted": m.partner.promoted_listings.count(),
                "profile": partner_profile_link(partner=m.partner),
            }
            for m in memberships
        ]
        return ctx

    def post(self, request):
        if "promote" in request.POST or "unpromote" in request.POST:
            return self.toggle_promotion(request)
        invoice = get_object_or_404(
            DuesInvoice,
            pk=id_or_none(request.POST.get("invoice")),
            membership__partner__users=request.user,
        )
        try:
            dues_invoice_add_to_basket(invoice=invoice, basket=request.basket)
        except ValueError as error:
            messages.error(request, str(error))
            return redirect("membership:dashboard")
        return redirect("checkout:index")

    def toggle_promotion(self, request):
        pk = id_or_none(request.POST.get("promote") or request.POST.get("unpromote"))
        product = get_object_or_404(Product, pk=pk, stockrecords__partner__users=request.user)
        partner = product.stockrecords.filter(partner__users=request.user).first().partner
        if "unpromote" in request.POST:
            listing_unpromote(partner=partner, product=product)
            messages.success(request, _("The promotion is stopped."))
        else:
            try:
                listing_promote(partner=partner, product=product)
                messages.success(request, _("The listing is promoted."))
            except ValueError as error:
                messages.error(request, str(error))
        return redirect("membership:dashboard")
