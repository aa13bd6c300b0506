from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MCKind(models.TextChoices):
    CORPORATE = "corporate", _("Corporate")
    INDIVIDUAL = "individual", _("Individual")
    PUBLIC_INTEREST = "public-interest", _("Public interest")
    CELEBRITY = "celebrity", _("Celebrity")


class MarketCreator(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="market_creators"
    )
    name = models.CharField(_("Name"), max_length=100)
    kind = models.CharField(_("Kind"), max_length=20, choices=MCKind.choices)
    email = models.EmailField(_("Email"))
    phone = models.CharField(_("Phone"), max_length=20)
    community = models.TextField(_("Community you serve"), blank=True)
    code = models.SlugField(_("Code"), max_length=20, unique=True, null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    review_reason = models.TextField(_("Reason"), blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Withheld from an individual's commission (사업소득 원천징수 3.3%), in percent.
    withholding_rate = models.DecimalField(
        _("Withholding tax (%)"), max_digits=4, decimal_places=2, default=0
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Market Creator")
        verbose_name_plural = _("Market Creators")

    def __str__(self):
        return f"{self.name} ({self.code or self.get_status_display()})"


class Click(models.Model):
    """One arrival through an MC link (?mc=CODE)."""

    mc = models.ForeignKey(MarketCreator, on_delete=models.CASCADE, related_name="clicks")
    source_page = models.CharField(max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.mc} {self.created:%Y-%m-%d}"


class OrderAttribution(models.Model):
    """The MC an order was made through, and the page the customer came from."""

    order = models.OneToOneField(
        "order.Order", on_delete=models.CASCADE, related_name="mc_attribution"
    )
    mc = models.ForeignKey(MarketCreator, on_delete=models.PROTECT, related_name="attributions")
    source_page = models.CharField(max_length=500, blank=True)
    campaign = models.CharField(max_length=100, blank=True)
    clicked_at = models.DateTimeField()

    def __str__(self):
        return f"{self.order} ← {self.mc}"


class CommissionRule(models.Model):
    """A commission rate for a kind of MC; the most specific matching rule wins."""

    mc_kind = models.CharField(_("MC kind"), max_length=20, choices=MCKind.choices)
    category = models.ForeignKey(
        "catalogue.Category", on_delete=models.CASCADE, null=True, blank=True
    )
    campaign = models.CharField(_("Campaign"), max_length=100, blank=True)
    rate = models.DecimalField(_("Rate (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("Commission rule")

    def __str__(self):
        return f"{self.get_mc_kind_display()} {self.rate}%"


class LedgerEntry(models.Model):
    """Commission on one paid order line, or its reversal. KRW, whole won."""

    class Kind(models.TextChoices):
        COMMISSION = "commission", _("Commission")
        REVERSAL = "reversal", _("Reversal")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        CONFIRMED = "confirmed", _("Confirmed")
        PAID = "paid", _("Paid out")

    mc = models.ForeignKey(MarketCreator, on_delete=models.PROTECT, related_name="ledger")
    order_line = models.ForeignKey("order.Line", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    base_amount = models.BigIntegerField(_("Sale (KRW)"))
    rate = models.DecimalField(max_digits=5, decimal_places=2)
    amount = models.BigIntegerField(_("Commission (KRW)"))
    withholding = models.BigIntegerField(_("Withholding tax (KRW)"), default=0)
    campaign = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["order_line", "kind"], name="ledger_once_per_line")
        ]

    def __str__(self):
        return f"{self.mc} {self.kind} {self.amount}"
