from django import http
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.checkout import views
from oscar.apps.payment.exceptions import UnableToTakePayment
from oscar.core.loading import get_class, get_model

from commerce.bookings.services import BookingError, bookings_attach_order, bookings_lock_for_basket
from commerce.mc.services import order_attribution_record
from commerce.orderpayments.methods import (
    PAY_ON_SITE,
    PaymentMethod,
    deposit_deadline,
    depositor_name_clean,
    depositor_name_default,
    payment_source_build,
)
from commerce.orderpayments.services import order_payment_open

from .stock import StockShortage, stock_lock_for_basket

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")


def onsite_payment_allowed(basket) -> bool:
    """Payment on site only when every line is a service whose partner accepts it."""
    lines = basket.all_lines()
    return bool(lines) and all(
        getattr(getattr(line.product, "service", None), "onsite_payment", False) for line in lines
    )


class PaymentDetailsView(views.PaymentDetailsView):
    """Bank transfer, or payment on site for services that allow it.

    A payment company's gateway plugs in later, in ``handle_payment``.
    """

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["bank_account"] = settings.THECEN_BANK_ACCOUNT
        ctx["onsite_allowed"] = onsite_payment_allowed(self.request.basket)
        ctx["payment_method"] = self.chosen_method()
        ctx["depositor_name"] = self.depositor_name()
        return ctx

    def depositor_name(self) -> str:
        """The name the transfer will carry (입금자명): as typed, else the orderer's."""
        typed = self.checkout_session._get("payment", "depositor_name")
        if typed:
            return typed
        address = self.get_shipping_address(self.request.basket)
        return depositor_name_default(user=self.request.user, shipping_address=address)

    def chosen_method(self) -> str:
        method = self.checkout_session.payment_method()
        if method == PaymentMethod.ON_SITE and onsite_payment_allowed(self.request.basket):
            return method
        return PaymentMethod.BANK_TRANSFER

    def handle_payment_details_submission(self, request):
        method = request.POST.get("payment_method", PaymentMethod.BANK_TRANSFER)
        if method == PaymentMethod.ON_SITE and not onsite_payment_allowed(request.basket):
            return self.render_payment_details(
                request, error=_("Payment on site is not available for this basket.")
            )
        self.checkout_session.pay_by(
            method if method in PaymentMethod.values else PaymentMethod.BANK_TRANSFER
        )
        if self.chosen_method() == PaymentMethod.BANK_TRANSFER:
            # A form without the field (an old page) keeps the orderer's name; a cleared one
            # is asked again.
            typed = request.POST.get("depositor_name")
            name = depositor_name_clean(typed) if typed is not None else self.depositor_name()
            if typed is not None and not name:
                return self.render_payment_details(
                    request, error=_("Please give the name your transfer will be sent under.")
                )
            self.checkout_session._set("payment", "depositor_name", name)
        return self.render_preview(request)

    def handle_payment(self, order_number, total, **kwargs):
        method = self.chosen_method()
        if method == PaymentMethod.ON_SITE and not onsite_payment_allowed(self.request.basket):
            raise UnableToTakePayment(_("Payment on site is not available for this basket."))
        self.add_payment_source(
            payment_source_build(
                method=method, total_incl_tax=total.incl_tax, currency=total.currency
            )
        )

    def get_initial_order_status(self, basket):
        if self.chosen_method() == PaymentMethod.ON_SITE:
            return PAY_ON_SITE
        return None

    def handle_order_placement(
        self,
        order_number,
        user,
        basket,
        shipping_address,
        shipping_method,
        shipping_charge,
        billing_address,
        order_total,
        surcharges=None,
        **kwargs,
    ):
        """Place the order once, with stock and booked places checked under row locks.

        The basket row is locked first: a second submission of the same basket waits, then
        finds it submitted and is shown the order the first one placed.
        """
        with transaction.atomic():
            Basket.objects.select_for_update().filter(pk=basket.pk).first()
            # Status alone cannot tell: the second request re-froze the basket in memory.
            placed = Order.objects.filter(basket_id=basket.pk).first()
            if placed is not None:
                return self._already_placed(placed)
            try:
                stock_lock_for_basket(basket=basket)
                bookings_lock_for_basket(basket=basket, user=user, now=timezone.now())
            except (StockShortage, BookingError) as error:
                raise UnableToPlaceOrder(str(error)) from error
            order = self.place_order(
                order_number=order_number,
                user=user,
                basket=basket,
                shipping_address=shipping_address,
                shipping_method=shipping_method,
                shipping_charge=shipping_charge,
                order_total=order_total,
                billing_address=billing_address,
                surcharges=surcharges,
                **kwargs,
            )
            basket.submit()
        return self.handle_successful_order(order)

    def _already_placed(self, order):
        self.checkout_session.flush()
        self.request.session["checkout_order_id"] = order.id
        messages.info(self.request, _("Your order was already placed."))
        return http.HttpResponseRedirect(reverse("checkout:thank-you"))

    def place_order(self, *args, **kwargs):
        order = super().place_order(*args, **kwargs)
        method = self.chosen_method()
        payment = order_payment_open(
            order=order, method=method, depositor_name=self.depositor_name()
        )
        bookings_attach_order(order=order, paid_by=method, deadline=payment.deadline)
        order_attribution_record(order=order, request=self.request)
        return order


class ThankYouView(views.ThankYouView):
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = ctx.get("order")
        if order is not None:
            ctx["bank_account"] = settings.THECEN_BANK_ACCOUNT
            payment = getattr(order, "payment", None)
            ctx["deposit_deadline"] = (
                payment.deadline
                if payment is not None and payment.deadline
                else deposit_deadline(order.date_placed)
            )
            ctx["bookings"] = [
                line.booking for line in order.lines.all() if hasattr(line, "booking")
            ]
        return ctx
