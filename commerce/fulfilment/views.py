"""The customer's side: confirm a purchase, ask for a return or exchange of a delivered line."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from oscar.core.loading import get_model

from .forms import ReturnRequestForm
from .returns import return_request
from .selectors import order_line_rows
from .services import FulfilmentError, line_confirm

Line = get_model("order", "Line")


def _own_line(request, number: str, line_id: int):
    return get_object_or_404(
        Line.objects.select_related("order", "product__product_class", "partner"),
        pk=line_id,
        order__number=number,
        order__user=request.user,
    )


def _order_url(number: str) -> str:
    return reverse("customer:order", kwargs={"order_number": number})


class LineConfirmView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, number, line_id):
        line = _own_line(request, number, line_id)
        try:
            line_confirm(line=line, by=request.user)
        except FulfilmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Thank you: the purchase of %(title)s is confirmed.") % {"title": line.title},
            )
        return redirect(_order_url(number))


class ReturnRequestView(LoginRequiredMixin, FormView):
    form_class = ReturnRequestForm
    template_name = "commerce/fulfilment/return_request.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.line = _own_line(request, kwargs["number"], kwargs["line_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["line"] = self.line
        ctx["row"] = order_line_rows(lines=[self.line])[0]
        return ctx

    def form_valid(self, form):
        try:
            return_request(
                line=self.line,
                by=self.request.user,
                kind=form.cleaned_data["kind"],
                reason_code=form.cleaned_data["reason_code"],
                reason=form.cleaned_data["reason"],
                photo=form.cleaned_data.get("photo"),
            )
        except FulfilmentError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Your request was sent to the partner."))
        return redirect(_order_url(self.kwargs["number"]))
