"""A partner's shipping policy and per-product terms, in Oscar's dashboard."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from commerce.partner.access import PartnerDashboardMixin

from .forms import ProductShippingForm, ShippingPolicyForm
from .models import ProductShipping
from .selectors import partner_policy
from .services import shipping_policy_save

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")


class ShippingPolicyView(PartnerDashboardMixin, TemplateView):
    """/dashboard/shipping-policy/: the partner's own; operators pick one with ?partner=ID."""

    template_name = "commerce/shipping/policy.html"

    def partner(self):
        user = self.request.user
        partners = Partner.objects.all() if user.is_staff else user.partners.all()
        wanted = self.request.GET.get("partner") or self.request.POST.get("partner")
        if wanted and str(wanted).isdigit():
            return get_object_or_404(partners, pk=wanted)
        partner = partners.order_by("pk").first()
        if partner is None:
            raise Http404(_("No partner is linked to your account."))
        return partner

    def products(self, partner):
        return Product.objects.filter(
            stockrecords__partner=partner, product_class__requires_shipping=True
        ).distinct()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        partner = kwargs.get("partner") or self.partner()
        ctx["partner"] = partner
        ctx["form"] = kwargs.get("form") or ShippingPolicyForm(
            instance=partner_policy(partner=partner)
        )
        ctx["product_form"] = kwargs.get("product_form") or ProductShippingForm(
            products=self.products(partner)
        )
        ctx["terms"] = ProductShipping.objects.filter(
            product__in=self.products(partner)
        ).select_related("product")
        if self.request.user.is_staff:
            ctx["partners"] = Partner.objects.order_by("name")
        return ctx

    def post(self, request):
        partner = self.partner()
        back = redirect(f"{request.path}?partner={partner.pk}")
        if "product" in request.POST:
            product_id = request.POST.get("product", "")
            existing = (
                ProductShipping.objects.filter(product_id=product_id).first()
                if product_id.isdigit()
                else None
            )
            form = ProductShippingForm(
                request.POST, instance=existing, products=self.products(partner)
            )
            if not form.is_valid():
                return self.render_to_response(
                    self.get_context_data(partner=partner, product_form=form)
                )
            form.save()
            messages.success(request, _("The product's shipping terms are saved."))
            return back
        form = ShippingPolicyForm(request.POST, instance=partner_policy(partner=partner))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(partner=partner, form=form))
        shipping_policy_save(partner=partner, data=form.cleaned_data)
        messages.success(request, _("Your shipping policy is saved."))
        return back
