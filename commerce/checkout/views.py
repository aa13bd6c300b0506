import secrets

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
    GATEWAY_METHODS,
    PAY_ON_SITE,
    PaymentMethod,
    deposit_deadline,
    depositor_name_clean,
    depositor_name_default,
    payment_source_build,
)
from commerce.orderpayments.selectors import order_payment_summary
from commerce.orderpayments.services import order_payment_confirm, order_payment_open
from commerce.portone.selectors import order_portone_payment
from commerce.portone.services import (
    PAID,
    PaymentRefused,
    portone_methods_offered,
    portone_payment_given_back,
    portone_payment_orphan_void,
    portone_payment_record,
    portone_payment_request,
    portone_payment_verify,
    portone_payment_void,
)

from .mail import order_placed_mail_send, site_url
from .recovery import basket_freeze_stamp
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
    """Bank transfer, payment on site for services that allow it, and card, easy pay or a
    virtual account through PortOne.

    A PortOne payment is made on PortOne's window before the order exists, with our order
    number as its paymentId; the shopper comes back to ``PortOneReturnView``, and
    ``handle_payment`` asks PortOne for the payment and checks it before the order is placed.
    """

    portone_payment = None  # the verified PortOne payment of this submission

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        basket = self.request.basket
        ctx["bank_account"] = settings.THECEN_BANK_ACCOUNT
        ctx["onsite_allowed"] = onsite_payment_allowed(basket)
        ctx["payment_method"] = self.chosen_method()
        ctx["portone_methods"] = [
            (method, PaymentMethod(method).label) for method in portone_methods_offered()
        ]
        total = ctx.get("order_total")
        if ctx["portone_methods"] and total is not None and basket.id:
            payment_id = self.portone_payment_id_issue(self.generate_order_number(basket))
            lines = basket.all_lines()
            name = lines[0].product.get_title() if lines else str(payment_id)
            if len(lines) > 1:
                name = _("%(title)s and %(count)s more") % {"title": name, "count": len(lines) - 1}
            ctx["portone_requests"] = {
                method: portone_payment_request(
                    method=method,
                    payment_id=str(payment_id),
                    amount=total.incl_tax,
                    order_name=name[:100],
                    redirect_url=self.request.build_absolute_uri(
                        reverse("checkout:portone-return") + f"?method={method}"
                    ),
                    email=self.checkout_session.get_guest_email()
                    or getattr(self.request.user, "email", ""),
                )
                for method, _label in ctx["portone_methods"]
            }
            ctx["portone_window_url"] = settings.THECEN_PORTONE_WINDOW_URL
        ctx["depositor_name"] = self.depositor_name()
        return ctx

    def portone_payment_id_issue(self, order_number) -> str:
        """A new PortOne paymentId for each attempt: PortOne refuses an id already used, so a
        retry after a failed or abandoned payment window must not reuse the last one."""
        payment_id = f"{order_number}-{secrets.token_hex(4)}"
        issued = self.checkout_session._get("portone", "payment_ids") or []
        self.checkout_session._set("portone", "payment_ids", [*issued[-19:], payment_id])
        return payment_id

    def portone_payment_id_ours(self, payment_id, order_number) -> bool:
        issued = self.checkout_session._get("portone", "payment_ids") or []
        return (
            bool(payment_id)
            and payment_id in issued
            and (payment_id.startswith(f"{order_number}-"))
        )

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
        if method in GATEWAY_METHODS and method in portone_methods_offered():
            return method
        return PaymentMethod.BANK_TRANSFER

    def handle_payment_details_submission(self, request):
        method = request.POST.get("payment_method", PaymentMethod.BANK_TRANSFER)
        if method == PaymentMethod.ON_SITE and not onsite_payment_allowed(request.basket):
            return self.render_payment_details(
                request, error=_("Payment on site is not available for this basket.")
            )
        if method in GATEWAY_METHODS:
            # The page opens PortOne's window itself; only a browser without JavaScript
            # gets here.
            return self.render_payment_details(
                request, error=_("Please allow JavaScript to open the payment window.")
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

    def freeze_basket(self, basket):
        super().freeze_basket(basket)
        basket_freeze_stamp(basket=basket)  # recovery waits while this checkout runs

    def handle_payment(self, order_number, total, portone_payment_id=None, **kwargs):
        method = self.chosen_method()
        if method == PaymentMethod.ON_SITE and not onsite_payment_allowed(self.request.basket):
            raise UnableToTakePayment(_("Payment on site is not available for this basket."))
        if method in GATEWAY_METHODS:
            if not self.portone_payment_id_ours(portone_payment_id, order_number):
                raise UnableToTakePayment(_("The payment was not completed. Please try again."))
            try:
                self.portone_payment = portone_payment_verify(
                    payment_id=portone_payment_id,
                    method=method,
                    amount=total.incl_tax,
                    currency_code=total.currency,
                )
            except PaymentRefused as refused:
                raise UnableToTakePayment(str(refused)) from refused
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
        try:
            with transaction.atomic():
                Basket.objects.select_for_update().filter(pk=basket.pk).first()
                # Status alone cannot tell: the second request re-froze the basket in memory.
                placed = Order.objects.filter(basket_id=basket.pk).first()
                if placed is not None:
                    if self.portone_payment is not None:
                        # A second payment for a basket already ordered: an orphan.
                        portone_payment_void(
                            payment=self.portone_payment,
                            reason=_("The order was already placed with another payment"),
                        )
                    return self._already_placed(placed)
                if self.portone_payment is not None and portone_payment_given_back(
                    payment_id=self.portone_payment.payment_id
                ):
                    self.portone_payment = None  # given back already: nothing more to cancel
                    raise UnableToPlaceOrder(
                        _(
                            "This payment was cancelled because the order was not completed in "
                            "time, and the money has gone back. Please pay again."
                        )
                    )
                order = self._place_locked(
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
        except Exception:
            if self.portone_payment is not None:
                # Paid at PortOne, but no order: give the money back before telling the shopper.
                portone_payment_void(
                    payment=self.portone_payment, reason=_("The order could not be placed")
                )
            raise
        return self.handle_successful_order(order)

    def _place_locked(self, *, basket, user, **kwargs):
        try:
            stock_lock_for_basket(basket=basket)
            bookings_lock_for_basket(basket=basket, user=user, now=timezone.now())
        except (StockShortage, BookingError) as error:
            raise UnableToPlaceOrder(str(error)) from error
        order = self.place_order(user=user, basket=basket, **kwargs)
        basket.submit()
        return order

    def _already_placed(self, order):
        self.checkout_session.flush()
        self.request.session["checkout_order_id"] = order.id
        messages.info(self.request, _("Your order was already placed."))
        return http.HttpResponseRedirect(reverse("checkout:thank-you"))

    def place_order(self, *args, **kwargs):
        order = super().place_order(*args, **kwargs)
        method = self.chosen_method()
        portone = self.portone_payment
        payment = order_payment_open(
            order=order,
            method=method,
            deadline=portone.account_due if portone else None,
            depositor_name=self.depositor_name(),
        )
        if portone is not None:
            portone_payment_record(order=order, method=method, payment=portone)
        bookings_attach_order(order=order, paid_by=method, deadline=payment.deadline)
        order_attribution_record(order=order, request=self.request)
        if portone is not None and portone.status == PAID:
            # Verified with PortOne a moment ago: bookings confirmed, commission written.
            order_payment_confirm(order=order, by=None)
        return order

    def send_order_placed_email(self, order):
        order_placed_mail_send(order=order, context=self.get_message_context(order))

    def get_message_context(self, order):
        ctx = super().get_message_context(order)
        base = site_url(self.request)
        if "status_path" in ctx:
            ctx["status_url"] = base + ctx["status_path"]
        ctx["site_url"] = base
        ctx["payment"] = order_payment_summary(order=order)
        ctx["portone"] = order_portone_payment(order=order)
        return ctx


class PortOneReturnView(PaymentDetailsView):
    """Where PortOne's window sends the shopper back (?paymentId=…, or ?code=… on failure).

    It places the order the way the preview page's button does, with the payment's id; the
    id alone proves nothing: ``handle_payment`` asks PortOne for the payment itself.
    """

    preview = True

    def get_pre_conditions(self, request):
        # The shopper has paid by now: a basket that went stale meanwhile (sold out, price
        # changed) must reach handle_payment and the placement, which give the money back.
        return [c for c in super().get_pre_conditions(request) if c != "check_basket_is_valid"]

    def dispatch(self, request, *args, **kwargs):
        # Before the basket checks: the basket of an order already placed is gone from the
        # session, and a second payment made for it must still be given back.
        placed, voided = portone_payment_orphan_void(payment_id=request.GET.get("paymentId", ""))
        if placed is not None:
            if voided:
                messages.warning(
                    request,
                    _(
                        "This basket was already ordered (order %(number)s), so the second "
                        "payment was cancelled. You are not charged twice."
                    )
                    % {"number": placed.number},
                )
            request.session["checkout_order_id"] = placed.id
            return http.HttpResponseRedirect(reverse("checkout:thank-you"))
        return super().dispatch(request, *args, **kwargs)

    def render_preview(self, request, error=None, **kwargs):
        if error:  # the order could not be placed (the payment was given back): pay again
            messages.error(request, error)
            return http.HttpResponseRedirect(reverse("checkout:payment-details"))
        return super().render_preview(request, **kwargs)

    def get(self, request, *args, **kwargs):
        method = request.GET.get("method", "")
        if request.GET.get("code") or method not in portone_methods_offered():
            messages.error(
                request,
                _("The payment was not completed: %(reason)s")
                % {"reason": request.GET.get("message") or _("cancelled")},
            )
            return http.HttpResponseRedirect(reverse("checkout:payment-details"))
        self.checkout_session.pay_by(method)
        submission = self.build_submission()
        submission["payment_kwargs"]["portone_payment_id"] = request.GET.get("paymentId", "")
        return self.submit(**submission)


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
            ctx["portone"] = order_portone_payment(order=order)
        return ctx
