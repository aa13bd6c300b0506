from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Grade(models.Model):
    """A membership grade (준회원/정회원/우수회원): what a partner may list and promote."""

    name = models.CharField(_("Name"), max_length=50)
    code = models.SlugField(_("Code"), unique=True)
    listing_limit = models.PositiveIntegerField(_("Listing limit"))
    promotion_slots = models.PositiveIntegerField(_("Promotion slots"), default=0)
    annual_dues = models.PositiveIntegerField(_("Annual dues (KRW)"))
    rank = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["rank"]
        verbose_name = _("Membership grade")
        verbose_name_plural = _("Membership grades")

    def __str__(self):
        return self.name


class EnterpriseKind(models.TextChoices):
    COOPERATIVE = "cooperative", _("Cooperative")
    SOCIAL_ENTERPRISE = "social-enterprise", _("Social enterprise")
    VILLAGE_ENTERPRISE = "village-enterprise", _("Village enterprise")
    SELF_SUFFICIENCY = "self-sufficiency", _("Self-sufficiency enterprise")
    SOCIAL_VENTURE = "social-venture", _("Social venture")


class PartnerApplication(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    name = models.CharField(_("Organisation name"), max_length=128)
    kind = models.CharField(_("Kind of enterprise"), max_length=30, choices=EnterpriseKind.choices)
    brn = models.CharField(_("Business registration number"), max_length=10)
    representative = models.CharField(_("Representative"), max_length=50)
    contact_name = models.CharField(_("Contact person"), max_length=50)
    phone = models.CharField(_("Phone"), max_length=20)
    email = models.EmailField(_("Email"))
    postcode = models.CharField(_("Postcode"), max_length=5)
    address = models.CharField(_("Road address"), max_length=200)
    address_detail = models.CharField(_("Address details"), max_length=200, blank=True)
    principles_version = models.CharField(max_length=20)
    principles_accepted_at = models.DateTimeField()
    ethics_version = models.CharField(max_length=20)
    ethics_accepted_at = models.DateTimeField()
    # The exact published texts accepted (when editors have published them as snippets).
    principles_revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ethics_revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    grade = models.ForeignKey(
        Grade, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("Grade")
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    review_reason = models.TextField(_("Reason"), blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    partner = models.OneToOneField(
        "partner.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
    )
    profile_page = models.ForeignKey(
        "cms_pages.EnterprisePage",
        verbose_name=_("Enterprise profile page"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("Partner application")
        verbose_name_plural = _("Partner applications")
        constraints = [
            # One live application or membership per business; a rejected one may reapply.
            models.UniqueConstraint(
                fields=["brn"], condition=~Q(status="rejected"), name="application_brn_unique"
            )
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.CASCADE, related_name="membership"
    )
    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, verbose_name=_("Grade"))
    since = models.DateField(_("Member since"))

    class Meta:
        verbose_name = _("Membership")
        verbose_name_plural = _("Memberships")

    def __str__(self):
        return f"{self.partner} · {self.grade}"


class DuesInvoice(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PAID = "paid", _("Paid")

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="invoices")
    year = models.PositiveSmallIntegerField(_("Year"))
    amount = models.PositiveIntegerField(_("Amount (KRW)"))
    due_date = models.DateField(_("Due date"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("Dues invoice")
        verbose_name_plural = _("Dues invoices")
        constraints = [
            models.UniqueConstraint(fields=["membership", "year"], name="dues_once_a_year")
        ]

    def __str__(self):
        return f"{self.membership.partner} {self.year}"


class PromotedListing(models.Model):
    """A listing a partner puts forward in its grade's promotion slots (홍보 지원)."""

    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="promoted_listings"
    )
    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, related_name="promotion"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("Promoted listing")
        verbose_name_plural = _("Promoted listings")

    def __str__(self):
        return f"{self.partner} · {self.product}"
