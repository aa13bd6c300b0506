"""A service is an Oscar product of class ``service`` with a booking calendar beside it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commerce.orderpayments.methods import PaymentMethod


class ServiceGroup(models.TextChoices):
    CARE = "care", _("Care")
    LIVING = "living", _("Living")
    EDUCATION = "education", _("Education")
    BUSINESS = "business", _("Business support")


class Service(models.Model):
    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, related_name="service"
    )
    group = models.CharField(_("Group"), max_length=20, choices=ServiceGroup.choices)
    duration_minutes = models.PositiveIntegerField(_("Duration (minutes)"), default=60)
    place = models.CharField(_("Place"), max_length=200)
    consult_first = models.BooleanField(
        _("Consultation first"),
        default=False,
        help_text=_("Customers are asked to send a question before they book."),
    )
    onsite_payment = models.BooleanField(
        _("Payment on site allowed"),
        default=False,
    )
    horizon_days = models.PositiveIntegerField(_("Booking horizon (days)"), default=28)
    cancel_hours = models.PositiveIntegerField(
        _("Free cancellation until (hours before)"), default=24
    )
    cancellation_policy = models.TextField(_("Cancellation policy"), blank=True)

    class Meta:
        verbose_name = _("Service")
        verbose_name_plural = _("Services")

    def __str__(self):
        return self.product.get_title()


class WeeklySlot(models.Model):
    """A recurring start time: every <weekday> at <start>, for <capacity> people."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="weekly_slots")
    weekday = models.PositiveSmallIntegerField(_("Weekday"), help_text=_("0 = Monday … 6 = Sunday"))
    start = models.TimeField(_("Start"))
    capacity = models.PositiveSmallIntegerField(_("Capacity"), default=1)

    class Meta:
        ordering = ["weekday", "start"]
        constraints = [
            models.UniqueConstraint(fields=["service", "weekday", "start"], name="weekly_slot_once")
        ]

    def __str__(self):
        return f"{self.service} {self.weekday} {self.start:%H:%M}"


class AvailabilityException(models.Model):
    """A day that differs from the week: closed, or another capacity."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("Date"))
    capacity = models.PositiveSmallIntegerField(
        _("Capacity"), null=True, blank=True, help_text=_("Empty: closed all day.")
    )
    note = models.CharField(_("Note"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "date"], name="availability_exception_once")
        ]

    def __str__(self):
        return f"{self.service} {self.date}"


class Slot(models.Model):
    """One concrete start time; the row every reservation locks."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("Starts at"))
    capacity = models.PositiveSmallIntegerField(_("Capacity"))

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.UniqueConstraint(fields=["service", "starts_at"], name="slot_once")]

    def __str__(self):
        return f"{self.service} {self.starts_at:%Y-%m-%d %H:%M}"


class Booking(models.Model):
    class Status(models.TextChoices):
        HELD = "held", _("Held")
        AWAITING_DEPOSIT = "awaiting-deposit", _("Awaiting deposit")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired")

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="bookings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings"
    )
    places = models.PositiveSmallIntegerField(_("Places"), default=1)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.HELD
    )
    # The place is kept until this moment: the end of the hold, then the deposit deadline.
    held_until = models.DateTimeField(_("Held until"), null=True, blank=True)
    order_line = models.OneToOneField(
        "order.Line", on_delete=models.SET_NULL, null=True, blank=True, related_name="booking"
    )
    paid_by = models.CharField(
        _("Paid by"), max_length=20, choices=PaymentMethod.choices, blank=True
    )
    cancelled_by = models.CharField(_("Cancelled by"), max_length=20, blank=True)
    cancel_reason = models.TextField(_("Reason for cancellation"), blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    refund_amount = models.DecimalField(
        _("Refunded"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["slot", "status"])]

    def __str__(self):
        return f"{self.slot} × {self.places}"

    @property
    def service(self) -> Service:
        return self.slot.service


class Consultation(models.Model):
    """A customer's question about a service, answered by the partner (상담)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="consultations")
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultations"
    )
    question = models.TextField(_("Question"))
    answer = models.TextField(_("Answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.service}: {self.question[:40]}"
