"""The deposits desk (입금 확인): find a transfer, confirm it in two steps, one or many at once,
or let a bank statement file propose the matches."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from .selectors import deposits_awaiting
from .services import deposits_confirm
from .statements import StatementError, statement_match, statement_read

PER_PAGE = 50
MAX_STATEMENT_BYTES = 5 * 1024 * 1024


def _amount_or_none(value) -> Decimal | None:
    text = str(value or "").replace(",", "").replace("원", "").strip()
    try:
        amount = Decimal(text) if text else None
    except InvalidOperation:
        return None
    return amount if amount is not None and amount.is_finite() and amount >= 0 else None


@method_decorator(staff_member_required, name="dispatch")
class DepositsView(TemplateView):
    """Orders awaiting a bank transfer: search by name, amount or order number, tick, confirm."""

    template_name = "commerce/orderpayments/deposits.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        q = self.request.GET.get("q", "")[:100]
        amount_text = self.request.GET.get("amount", "")[:20]
        amount = _amount_or_none(amount_text)
        payments = deposits_awaiting(q=q, amount=amount)
        page = Paginator(payments, PER_PAGE).get_page(self.request.GET.get("page"))
        ctx.update(
            page_obj=page,
            payments=page.object_list,
            q=q,
            amount=amount_text,
            amount_invalid=bool(amount_text) and amount is None,
            query_string=self.request.GET.copy(),
        )
        ctx["query_string"].pop("page", None)
        return ctx


def _chosen(request) -> dict[str, Decimal | None]:
    """The ticked orders and the amount each row showed (order numbers are text)."""
    chosen = {}
    for number in request.POST.getlist("order")[:500]:
        number = number.strip()[:128]
        if number:
            chosen[number] = _amount_or_none(request.POST.get(f"amount-{number}"))
    return chosen


@method_decorator(staff_member_required, name="dispatch")
class DepositsConfirmView(View):
    """Step two: the operator sees exactly what they are confirming, then confirms it."""

    template_name = "commerce/orderpayments/deposits_confirm.html"

    def post(self, request):
        chosen = _chosen(request)
        if not chosen:
            messages.error(request, _("Tick at least one order first."))
            return redirect("orderpayments:deposits")
        if request.POST.get("step") != "confirm":
            payments = deposits_awaiting().filter(order__number__in=list(chosen))
            return render(request, self.template_name, {"payments": payments})
        if any(amount is None for amount in chosen.values()):
            messages.error(request, _("Please start again from the deposits list."))
            return redirect("orderpayments:deposits")
        result = deposits_confirm(expected=chosen, by=request.user)
        if result.paid:
            messages.success(
                request,
                _("Confirmed as paid: %(numbers)s") % {"numbers": ", ".join(result.paid)},
            )
        for number, why in result.refused:
            messages.error(request, f"{number}: {why}")
        return redirect("orderpayments:deposits")


@method_decorator(staff_member_required, name="dispatch")
class StatementImportView(View):
    """A bank statement file proposes matches; the operator ticks and confirms them."""

    template_name = "commerce/orderpayments/deposits_statement.html"

    def post(self, request):
        upload = request.FILES.get("statement")
        if upload is None or not upload.name.lower().endswith((".csv", ".xlsx")):
            messages.error(request, _("Choose a statement file in CSV or XLSX format."))
            return redirect("orderpayments:deposits")
        if upload.size > MAX_STATEMENT_BYTES:
            messages.error(request, _("The statement file is larger than 5 MB."))
            return redirect("orderpayments:deposits")
        try:
            deposits = statement_read(filename=upload.name, data=upload.read())
        except StatementError as error:
            messages.error(request, str(error))
            return redirect("orderpayments:deposits")
        proposals = statement_match(deposits=deposits, payments=list(deposits_awaiting()))
        return render(
            request,
            self.template_name,
            {"proposals": proposals, "filename": upload.name},
        )
