from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField


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
    # The public profile shown on the MC's campaign pages.
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Profile photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    bio = models.TextField(
        _("Short bio"),
        max_length=500,
        blank=True,
        help_text=_("Two or three sentences readers see on your campaign pages."),
    )
    region = models.CharField(_("Community or region"), max_length=100, blank=True)
    website = models.URLField(_("Website"), blank=True)
    social_link = models.URLField(_("Social media link"), blank=True)
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
    created = models.DateTimeField(_("Created"), auto_now_add=True)
    # The operating principles and ethics code as the applicant was shown them.
    principles_version = models.CharField(
        _("Operating principles version"), max_length=20, blank=True
    )
    ethics_version = models.CharField(_("Ethics code version"), max_length=20, blank=True)
    principles_revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ethics_revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    policies_accepted_at = models.DateTimeField(_("Accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Market Creator")
        verbose_name_plural = _("Market Creators")
        # Approval starts commission and payouts: an operator's act, not an editor's (editors
        # keep profiles up to date with change_marketcreator).
        permissions = [("review_marketcreator", _("Can approve or reject Market Creators"))]

    def __str__(self):
        return f"{self.name} ({self.code or self.get_status_display()})"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED and bool(self.code)


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
    # The ledger is a financial record: a deleted campaign page leaves its title behind.
    campaign = models.ForeignKey(
        "cms_pages.CampaignPage",
        verbose_name=_("Campaign"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    campaign_title = models.CharField(_("Campaign title"), max_length=255, blank=True)
    clicked_at = models.DateTimeField()

    def __str__(self):
        return f"{self.order} ← {self.mc}"


SCOPE_TAKEN = _(
    "A rule for this scope (MC kind, category and campaign) already exists. Edit that rule instead."
)


class CommissionRule(models.Model):
    """A commission rate for a kind of MC; the most specific matching rule wins."""

    mc_kind = models.CharField(_("MC kind"), max_length=20, choices=MCKind.choices)
    category = models.ForeignKey(
        "catalogue.Category",
        verbose_name=_("Category"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Leave empty for every category."),
    )
    # CASCADE, not SET_NULL: a campaign rule whose campaign is gone must not silently become
    # a rule for every sale of that MC kind.
    campaign = models.ForeignKey(
        "cms_pages.CampaignPage",
        verbose_name=_("Campaign"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="commission_rules",
        help_text=_("Leave empty for every campaign."),
    )
    rate = models.DecimalField(
        _("Rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[
            MinValueValidator(0, message=_("The rate cannot be below %(limit_value)s%%.")),
            MaxValueValidator(100, message=_("The rate cannot be above %(limit_value)s%%.")),
        ],
    )

    class Meta:
        verbose_name = _("Commission rule")
        verbose_name_plural = _("Commission rules")
        # One rule per scope. NULL means "any", so each combination of empty parts gets its
        # own partial index (portable to SQLite, unlike NULLS NOT DISTINCT).
        constraints = [
            models.UniqueConstraint(
                fields=["mc_kind", "category", "campaign"],
                condition=Q(category__isnull=False, campaign__isnull=False),
                name="mc_rule_scope_kind_category_campaign",
                violation_error_message=SCOPE_TAKEN,
            ),
            models.UniqueConstraint(
                fields=["mc_kind", "category"],
                condition=Q(category__isnull=False, campaign__isnull=True),
                name="mc_rule_scope_kind_category",
                violation_error_message=SCOPE_TAKEN,
            ),
            models.UniqueConstraint(
                fields=["mc_kind", "campaign"],
                condition=Q(category__isnull=True, campaign__isnull=False),
                name="mc_rule_scope_kind_campaign",
                violation_error_message=SCOPE_TAKEN,
            ),
            models.UniqueConstraint(
                fields=["mc_kind"],
                condition=Q(category__isnull=True, campaign__isnull=True),
                name="mc_rule_scope_kind",
                violation_error_message=SCOPE_TAKEN,
            ),
            models.CheckConstraint(
                condition=Q(rate__gte=0, rate__lte=100),
                name="mc_rule_rate_0_to_100",
                violation_error_message=_("The rate must be between 0%% and 100%%."),
            ),
        ]

    def __str__(self):
        return f"{self.scope} {self.rate}%"

    @property
    def scope(self) -> str:
        """The rule's scope in words, e.g. "개인 MC · 먹거리 > 채소 · 봄 캠페인"."""
        parts = [_("%(kind)s MCs") % {"kind": self.get_mc_kind_display()}]
        parts.append(
            _("category %(name)s") % {"name": self.category.full_name}
            if self.category_id
            else _("all categories")
        )
        parts.append(
            _("campaign “%(title)s”") % {"title": self.campaign.title}
            if self.campaign_id
            else _("all campaigns")
        )
        return " · ".join(str(p) for p in parts)


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
    campaign = models.ForeignKey(
        "cms_pages.CampaignPage",
        verbose_name=_("Campaign"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    campaign_title = models.CharField(_("Campaign title"), max_length=255, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created = models.DateTimeField(_("Created"), auto_now_add=True, db_index=True)
    paid_at = models.DateTimeField(_("Paid at"), null=True, blank=True)
    statement = models.ForeignKey(
        "PayoutStatement",
        verbose_name=_("Payout statement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )

    class Meta:
        ordering = ["-created"]
        verbose_name = _("Ledger entry")
        verbose_name_plural = _("Ledger entries")
        constraints = [
            models.UniqueConstraint(fields=["order_line", "kind"], name="ledger_once_per_line")
        ]

    def __str__(self):
        return f"{self.mc} {self.kind} {self.amount}"


class PayoutStatement(models.Model):
    """One payout to an MC for one month: the confirmed entries it settled. KRW, whole won.

    net = gross + reversals (negative) − withholding + carried_in; the entries carry the same
    sums. A negative net pays nothing: the next statement carries it (once).
    """

    mc = models.ForeignKey(
        MarketCreator,
        verbose_name=_("Market Creator"),
        on_delete=models.PROTECT,
        related_name="statements",
    )
    period = models.DateField(_("Period"), help_text=_("The first day of the month paid for."))
    gross = models.BigIntegerField(_("Gross commission (KRW)"))
    reversals = models.BigIntegerField(_("Reversals (KRW)"))
    withholding = models.BigIntegerField(_("Withholding tax (KRW)"))
    carried_in = models.BigIntegerField(
        _("Carried from before (KRW)"),
        default=0,
        help_text=_("A negative balance of the previous statement, taken off this one."),
    )
    carried_from = models.OneToOneField(
        "self",
        verbose_name=_("Carries the balance of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_to",
    )
    net = models.BigIntegerField(_("Net to pay (KRW)"))
    paid_at = models.DateTimeField(_("Paid at"))
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Operator"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Payout statement")
        verbose_name_plural = _("Payout statements")
        ordering = ["-period", "-paid_at"]

    def __str__(self):
        return f"{self.mc.name} {self.period:%Y-%m}"


class PayoutAccount(models.Model):
    """Where an MC is paid, and the identity the 3.3% withholding report needs.

    The account number, holder and resident registration number are encrypted at rest
    (django-fernet-encrypted-fields: Fernet, the key derived from DJANGO_SECRET_KEY and
    THECEN_FIELD_ENCRYPTION_SALT). Screens show them masked; the full values only to users
    with ``mc.view_payout_identity``. Kept apart from MarketCreator so that its list exports
    never carry them.
    """

    mc = models.OneToOneField(
        MarketCreator,
        verbose_name=_("Market Creator"),
        on_delete=models.CASCADE,
        related_name="payout_account",
    )
    bank = models.CharField(_("Bank"), max_length=30)
    account_number = EncryptedCharField(_("Account number"), max_length=30)
    holder = EncryptedCharField(_("Account holder"), max_length=50)
    # Empty for corporate MCs; the library stores an empty value as NULL.
    resident_number = EncryptedCharField(
        _("Resident registration number"), max_length=14, blank=True, null=True
    )
    updated = models.DateTimeField(_("Updated"), auto_now=True)

    class Meta:
        verbose_name = _("Payout account")
        verbose_name_plural = _("Payout accounts")
        permissions = [
            (
                "view_payout_identity",
                _("Can see Market Creators' full account and resident registration numbers"),
            )
        ]

    def __str__(self):
        return f"{self.mc.name} · {self.bank}"

    @property
    def account_number_masked(self) -> str:
        digits = self.account_number or ""
        return "*" * max(len(digits) - 4, 0) + digits[-4:]

    @property
    def resident_number_masked(self) -> str:
        number = (self.resident_number or "").replace("-", "")
        return f"{number[:6]}-{number[6:7]}******" if len(number) == 13 else ""

    @property
    def resident_number_display(self) -> str:
        number = (self.resident_number or "").replace("-", "")
        return f"{number[:6]}-{number[6:]}" if len(number) == 13 else number
