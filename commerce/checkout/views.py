from django.conf import settings
from oscar.apps.checkout import views

from .payment import BANK_TRANSFER, bank_transfer_source_build, deposit_deadline


class PaymentDetailsView(views.PaymentDetailsView):
    """Payment by bank transfer: the order is placed as awaiting deposit.

    A payment company's gateway plugs in here later, in ``handle_payment``.
    """

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["bank_account"] = settings.THECEN_BANK_ACCOUNT
        ctx["payment_method"] = BANK_TRANSFER
        return ctx

    def handle_payment(self, order_number, total, **kwargs):
        self.add_payment_source(
            bank_transfer_source_build(total_incl_tax=total.incl_tax, currency=total.currency)
        )


class ThankYouView(views.ThankYouView):
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = ctx.get("order")
        if order is not None:
            ctx["bank_account"] = settings.THECEN_BANK_ACCOUNT
            ctx["deposit_deadline"] = deposit_deadline(order.date_placed)
        return ctx
