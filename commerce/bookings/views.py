from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from commerce.core.inputs import id_or_none
from commerce.partner.access import PartnerDashboardMixin

from .forms import (
    AnswerForm,
    ConsultationForm,
    ExceptionFormSet,
    PartnerCancelForm,
    ReserveForm,
    ServiceForm,
    WeeklySlotFormSet,
)
from .models import Booking, Consultation, Service
from .selectors import (
    bookings_for_partner_user,
    bookings_for_user,
    bookings_status_counts,
    consultations_for_partner_user,
    services_for_partner_user,
)
from .services import (
    BookingError,
    booking_cancel_by_customer,
    booking_cancel_by_partner,
    booking_mark_paid_on_site,
    booking_reserve,
    consultation_answer,
    consultation_ask,
    service_save,
)


def _login_url(request, product) -> str:
    return f"{reverse('customer:login')}?next={product.get_absolute_url()}"


class ReserveView(View):
    """POST from the service page: hold the place and go on to checkout."""

    def post(self, request, pk):
        service = get_object_or_404(Service.objects.select_related("product"), product_id=pk)
        product = service.product
        if not request.user.is_authenticated:
            messages.info(request, _("Please log in to book."))
            return redirect(_login_url(request, product))
        form = ReserveForm(request.POST)
        if not form.is_valid():
            # One message per refusal: a wrong number of places is not a missing time.
            if "starts_at" in form.errors:
                messages.error(request, _("Please choose a time."))
            else:
                messages.error(request, _("Please book between 1 and 20 places."))
            return redirect(product.get_absolute_url() + "#booking-title")
        if (
            not product.is_public
            or not request.strategy.fetch_for_product(product).availability.is_available_to_buy
        ):
            messages.error(request, _("This service cannot be booked at the moment."))
            return redirect(product.get_absolute_url())
        try:
            booking_reserve(
                service=service,
                starts_at=form.cleaned_data["starts_at"],
                places=form.cleaned_data["places"],
                user=request.user,
                basket=request.basket,
            )
        except BookingError as error:
            messages.error(request, str(error))
            return redirect(product.get_absolute_url() + "#booking-title")
        messages.success(
            request,
            _("Your place is held for 15 minutes. Please complete the payment to keep it."),
        )
        return redirect("checkout:index")


class AskView(View):
    def post(self, request, pk):
        service = get_object_or_404(Service.objects.select_related("product"), product_id=pk)
        if not request.user.is_authenticated:
            return redirect(_login_url(request, service.product))
        form = ConsultationForm(request.POST)
        if form.is_valid():
            consultation_ask(
                service=service, customer=request.user, question=form.cleaned_data["question"]
            )
            messages.success(request, _("Your question was sent. The answer will come by email."))
        else:
            messages.error(request, _("Please write your question."))
        return redirect(service.product.get_absolute_url() + "#consult")


class MyBookingsView(LoginRequiredMixin, TemplateView):
    template_name = "commerce/bookings/my_bookings.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["page_title"] = _("My bookings")
        ctx["bookings"] = bookings_for_user(user=self.request.user)
        ctx["consultations"] = Consultation.objects.filter(
            customer=self.request.user
        ).select_related("service__product")
        return ctx


@login_required
def booking_cancel_view(request, pk):
    if request.method != "POST":
        return redirect("services:my-bookings")
    booking = get_object_or_404(Booking, pk=pk, user=request.user)
    try:
        booking_cancel_by_customer(booking=booking, user=request.user)
        messages.success(request, _("Your booking was cancelled."))
    except BookingError as error:
        messages.error(request, str(error))
    return redirect("services:my-bookings")


class PartnerBookingsView(PartnerDashboardMixin, TemplateView):
    """A partner's bookings and questions, in Oscar's dashboard."""

    template_name = "commerce/bookings/dashboard_bookings.html"
    per_page = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, query = self.request.user, self.request.GET
        bookings = bookings_for_partner_user(user=user)
        counts = bookings_status_counts(bookings=bookings)
        status = query.get("status", "")
        if status in counts:
            bookings = bookings.filter(status=status)
        page = Paginator(bookings.order_by("slot__starts_at", "pk"), self.per_page).get_page(
            query.get("page")
        )
        ctx.update(
            bookings=page.object_list,
            page_obj=page,
            paginator=page.paginator,
            status=status if status in counts else "",
            statuses=[
                (value, label, counts[value])
                for value, label in Booking.Status.choices
                if value in counts
            ],
        )
        questions = Paginator(consultations_for_partner_user(user=user), self.per_page)
        ctx["consultations"] = questions.get_page(query.get("questions")).object_list
        ctx["services"] = services_for_partner_user(user=user)
        ctx["cancel_form"] = PartnerCancelForm()
        ctx["answer_form"] = AnswerForm()
        return ctx

    def post(self, request):
        user = request.user
        if "paid_on_site" in request.POST:
            booking = get_object_or_404(
                bookings_for_partner_user(user=user), pk=id_or_none(request.POST["paid_on_site"])
            )
            try:
                booking_mark_paid_on_site(booking=booking, by=user)
                messages.success(request, _("The payment on site is recorded."))
            except BookingError as error:
                messages.error(request, str(error))
        elif "booking" in request.POST:
            booking = get_object_or_404(
                bookings_for_partner_user(user=user), pk=id_or_none(request.POST["booking"])
            )
            form = PartnerCancelForm(request.POST)
            try:
                if not form.is_valid():
                    raise BookingError(_("Please give the customer a reason."))
                booking_cancel_by_partner(booking=booking, reason=form.cleaned_data["reason"])
                messages.success(request, _("The booking was cancelled and the customer told."))
            except BookingError as error:
                messages.error(request, str(error))
        elif "consultation" in request.POST:
            consultations = Consultation.objects.all()
            if not user.is_staff:
                consultations = consultations.filter(
                    service__product__stockrecords__partner__users=user
                )
            consultation = get_object_or_404(
                consultations, pk=id_or_none(request.POST["consultation"])
            )
            form = AnswerForm(request.POST)
            if form.is_valid():
                consultation_answer(
                    consultation=consultation, answer=form.cleaned_data["answer"], by=user
                )
                messages.success(request, _("Your answer was sent to the customer."))
        return redirect("services:dashboard-bookings")


class PartnerServiceView(PartnerDashboardMixin, TemplateView):
    """A partner sets a service's details and its availability (week, exceptions, horizon)."""

    template_name = "commerce/bookings/dashboard_service.html"

    def get_service(self):
        product = get_object_or_404(
            services_for_partner_user(user=self.request.user), pk=self.kwargs["product_pk"]
        )
        return getattr(product, "service", None) or Service(product=product)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        service = kwargs.get("service") or self.get_service()
        ctx["service"] = service
        ctx["form"] = kwargs.get("form") or ServiceForm(instance=service)
        ctx["slots"] = kwargs.get("slots") or WeeklySlotFormSet(instance=service, prefix="slots")
        ctx["exceptions"] = kwargs.get("exceptions") or ExceptionFormSet(
            instance=service, prefix="exceptions"
        )
        return ctx

    def post(self, request, product_pk):
        service = self.get_service()
        form = ServiceForm(request.POST, instance=service)
        slots = WeeklySlotFormSet(request.POST, instance=service, prefix="slots")
        exceptions = ExceptionFormSet(request.POST, instance=service, prefix="exceptions")
        if form.is_valid() and slots.is_valid() and exceptions.is_valid():
            service_save(form=form, slots=slots, exceptions=exceptions)
            messages.success(request, _("The service and its times are saved."))
            return redirect("services:dashboard-service", product_pk=product_pk)
        return self.render_to_response(
            self.get_context_data(service=service, form=form, slots=slots, exceptions=exceptions)
        )
