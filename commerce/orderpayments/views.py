from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from .models import OrderPayment
from .services import order_payment_confirm

Order = get_model("order", "Order")


@method_decorator(staff_member_required, name="dispatch")
class DepositsView(TemplateView):
    """Operators confirm that a bank transfer arrived (입금 확인)."""

    template_name = "commerce/orderpayments/deposits.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["payments"] = (
            OrderPayment.objects.filter(paid_at__isnull=True, cancelled_at__isnull=True)
            .exclude(order__status="Cancelled")
            .select_related("order", "order__user")
            .order_by("deadline")
        )
        return ctx

    def post(self, request):
        order = get_object_or_404(Order, number=request.POST.get("order"))
        try:
            expected = Decimal(request.POST["amount"]) if request.POST.get("amount") else None
        except InvalidOperation:
            expected = None
        try:
            order_payment_confirm(order=order, by=request.user, expected_amount=expected)
            messages.success(request, _("Order %(number)s is now paid.") % {"number": order.number})
        except ValueError as error:
            messages.error(request, str(error))
        return redirect("orderpayments:deposits")
