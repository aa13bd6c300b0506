"""Per-line fulfilment: couriers, each line's state and events, and return requests.

Amounts are KRW in whole won.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .states import State


class Courier(models.Model):
    """A parcel company and how to link to a parcel; operators keep the list in the admin."""

    name = models.CharField(_("Name"), max_length=50, unique=True)
    tracking_url = models.CharField(
        _("Tracking URL"),
        max_length=300,
        help_text=_("{number} is replaced by the tracking number."),
    )
    active = models.BooleanField(_("Active"), default=True)
    position = models.PositiveSmallIntegerField(_("Position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("Courier")
        verbose_name_plural = _("Couriers")

    def __str__(self):
        return self.name

    def url_for(self, number: str) -> str:
        return self.tracking_url.replace("{number}", number)


class LineFulfilment(models.Model):
    """Where one goods line of a paid order is: its state, parcel and the times it moved."""

    line = models.OneToOneField("order.Line", on_delete=models.CASCADE, related_name="fulfilment")
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="line_fulfilments"
    )
    state = models.CharField(_("State"), max_length=20, choices=State.choices, db_index=True)
    courier = models.ForeignKey(
        Courier, verbose_name=_("Courier"), on_delete=models.PROTECT, null=True, blank=True
    )
    tracking_number = models.CharField(_("Tracking number"), max_length=40, blank=True)
    shipped_at = models.DateTimeField(_("Shipped at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("Delivered at"), null=True, blank=True, db_index=True)
    confirmed_at = models.DateTimeField(_("Confirmed at"), null=True, blank=True, db_index=True)
    returned_at = models.DateTimeField(_("Returned at"), null=True, blank=True, db_index=True)
    # The replacement parcel of an accepted exchange: its own courier and tracking number.
    exchange_courier = models.ForeignKey(
        Courier,
        verbose_name=_("Courier of the replacement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    exchange_tracking_number = models.CharField(
        _("Tracking number of the replacement"), max_length=40, blank=True
    )
    exchange_shipped_at = models.DateTimeField(_("Replacement shipped at"), null=True, blank=True)
    exchange_delivered_at = models.DateTimeField(
        _("Replacement delivered at"), null=True, blank=True, db_index=True
    )

    class Meta:
        verbose_name = _("Line fulfilment")
        verbose_name_plural = _("Line fulfilments")
        indexes = [models.Index(fields=["partner", "state"], name="fulfil_partner_state")]

    def __str__(self):
        return f"{self.line_id} {self.state}"

    @property
    def tracking_link(self) -> str:
        if self.courier_id and self.tracking_number:
            return self.courier.url_for(self.tracking_number)
        return ""

    @property
    def exchange_tracking_link(self) -> str:
        if self.exchange_courier_id and self.exchange_tracking_number:
            return self.exchange_courier.url_for(self.exchange_tracking_number)
        return ""


class FulfilmentEvent(models.Model):
    """One move of one line (never edited): to which state, by whom, when."""

    line = models.ForeignKey("order.Line", on_delete=models.CASCADE, related_name="+")
    state = models.CharField(_("State"), max_length=20, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("By"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_kind = models.CharField(_("Actor"), max_length=20)
    note = models.CharField(_("Note"), max_length=300, blank=True)
    created = models.DateTimeField(_("At"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("Fulfilment event")
        verbose_name_plural = _("Fulfilment events")

    def __str__(self):
        return f"{self.line_id} → {self.state}"


class ReturnRequest(models.Model):
    """A 청약철회 (return) or exchange of one delivered line, and the partner's answer."""

    class Kind(models.TextChoices):
        RETURN = "return", _("Return")
        EXCHANGE = "exchange", _("Exchange")

    class Reason(models.TextChoices):
        CHANGE_OF_MIND = "change_of_mind", _("Changed my mind")
        DEFECT = "defect", _("Damaged or defective")
        WRONG_ITEM = "wrong_item", _("Wrong item delivered")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")

    class Payer(models.TextChoices):
        BUYER = "buyer", _("Customer")
        PARTNER = "partner", _("Partner")

    line = models.ForeignKey("order.Line", on_delete=models.CASCADE, related_name="return_requests")
    kind = models.CharField(_("Kind"), max_length=10, choices=Kind.choices)
    reason_code = models.CharField(_("Reason"), max_length=20, choices=Reason.choices)
    reason = models.TextField(_("Details"), max_length=1000)
    photo = models.ImageField(_("Photo"), upload_to="returns/%Y/%m/", blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    created = models.DateTimeField(_("Requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("Decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    refusal_reason = models.CharField(_("Reason for refusal"), max_length=300, blank=True)
    fee_payer = models.CharField(
        _("Return shipping paid by"), max_length=10, choices=Payer.choices, blank=True
    )
    return_fee = models.BigIntegerField(_("Return shipping fee (KRW)"), default=0)
    refund_amount = models.BigIntegerField(_("Refund (KRW)"), default=0)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("Return request")
        verbose_name_plural = _("Return requests")
        constraints = [
            # one open or accepted request per line: a refused one may be followed by another
            models.UniqueConstraint(
                fields=["line"],
                condition=~Q(status="refused"),
                name="return_one_live_per_line",
            ),
            models.CheckConstraint(
                condition=Q(refund_amount__gte=0, return_fee__gte=0), name="return_amounts_positive"
            ),
        ]

    def __str__(self):
        return f"{self.line_id} {self.kind} {self.status}"

    @property
    def at_fault(self) -> str:
        if self.reason_code == self.Reason.CHANGE_OF_MIND:
            return self.Payer.BUYER
        return self.Payer.PARTNER
