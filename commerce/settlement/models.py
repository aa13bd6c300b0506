"""Partner settlement (정산): fee rates by grade, statements and what each one settled.

Amounts are KRW in whole won. A statement adds up (a database check):
net = gross + shipping − refunds − return_fees − fee − mc_commissions + carried_in.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class FeeRate(models.Model):
    """The platform fee for a membership grade, in percent of confirmed sales."""

    grade = models.OneToOneField(
        "membership.Grade",
        verbose_name=_("Grade"),
        on_delete=models.CASCADE,
        related_name="fee_rate",
    )
    rate = models.DecimalField(_("Platform fee (%)"), max_digits=5, decimal_places=2)
    partner_bears_mc_commission = models.BooleanField(
        _("Partner bears the MC commission"),
        default=False,
        help_text=_(
            "When ticked, the commission of the Market Creators who brought the sale is taken "
            "from this grade's statements."
        ),
    )

    class Meta:
        verbose_name = _("Platform fee rate")
        verbose_name_plural = _("Platform fee rates")
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gte=0, rate__lte=100),
                name="fee_rate_percent",
                violation_error_message=_("A rate is between 0 and 100%%."),
            )
        ]

    def __str__(self):
        return f"{self.grade} {self.rate}%"


class Statement(models.Model):
    """What the platform owes one partner for one period."""

    class Status(models.TextChoices):
        DUE = "due", _("To be paid")
        PAID = "paid", _("Transferred")
        CARRIED = "carried", _("Negative: carried to the next statement")

    partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("Partner"),
        on_delete=models.PROTECT,
        related_name="settlement_statements",
    )
    period_start = models.DateField(_("From"))
    period_end = models.DateField(_("Until (exclusive)"))
    gross = models.BigIntegerField(_("Sales (KRW)"))
    shipping = models.BigIntegerField(_("Shipping collected (KRW)"))
    refunds = models.BigIntegerField(_("Refunds (KRW)"))
    return_fees = models.BigIntegerField(_("Return shipping borne (KRW)"))
    fee_base = models.BigIntegerField(_("Confirmed sales (KRW)"))
    fee_rate = models.DecimalField(_("Platform fee (%)"), max_digits=5, decimal_places=2)
    fee = models.BigIntegerField(_("Platform fee (KRW)"))
    mc_commissions = models.BigIntegerField(_("MC commission borne (KRW)"), default=0)
    carried_in = models.BigIntegerField(_("Carried from before (KRW)"), default=0)
    net = models.BigIntegerField(_("Net to pay (KRW)"))
    carried_from = models.OneToOneField(
        "self",
        verbose_name=_("Carries the balance of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_to",
    )
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices)
    created = models.DateTimeField(_("Created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    paid_at = models.DateTimeField(_("Paid at"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    transfer_reference = models.CharField(_("Transfer reference"), max_length=100, blank=True)

    class Meta:
        ordering = ["-period_start", "partner_id"]
        verbose_name = _("Settlement statement")
        verbose_name_plural = _("Settlement statements")
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "period_start"], name="settlement_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(
                    net=F("gross")
                    + F("shipping")
                    - F("refunds")
                    - F("return_fees")
                    - F("fee")
                    - F("mc_commissions")
                    + F("carried_in")
                ),
                name="settlement_adds_up",
            ),
        ]

    def __str__(self):
        return f"{self.partner} {self.period_start:%Y-%m-%d}"


class StatementLine(models.Model):
    """One order line settled in one statement: a line is settled exactly once."""

    class Kind(models.TextChoices):
        CONFIRMED = "confirmed", _("Purchase confirmed")
        RETURNED = "returned", _("Returned")

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="lines")
    line = models.OneToOneField("order.Line", on_delete=models.PROTECT, related_name="settlement")
    kind = models.CharField(_("Kind"), max_length=10, choices=Kind.choices)
    settled_on = models.DateTimeField(_("Confirmed or returned at"))
    gross = models.BigIntegerField(_("Sale (KRW)"))
    refund = models.BigIntegerField(_("Refund (KRW)"), default=0)
    return_fee = models.BigIntegerField(_("Return shipping borne (KRW)"), default=0)
    mc_commission = models.BigIntegerField(_("MC commission borne (KRW)"), default=0)

    class Meta:
        ordering = ["settled_on", "pk"]
        verbose_name = _("Settled line")
        verbose_name_plural = _("Settled lines")

    def __str__(self):
        return f"{self.statement_id} {self.line_id}"


class StatementShipping(models.Model):
    """The shipping a partner charged in one order, settled with the first of its lines."""

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="shipping_rows")
    charge = models.OneToOneField(
        "shipping.OrderShippingCharge", on_delete=models.PROTECT, related_name="settlement"
    )
    amount = models.BigIntegerField(_("Shipping (KRW)"))

    def __str__(self):
        return f"{self.statement_id} {self.charge_id} {self.amount}"
