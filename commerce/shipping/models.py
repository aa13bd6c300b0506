"""Each partner's shipping policy, the postcode zones that cost more, and what was charged.

Amounts are KRW in whole won. A partner without a policy ships free (what the site did before).
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class PostcodeZone(models.Model):
    """A range of five-digit postcodes (제주 or 도서산간), kept as data that operators edit."""

    class Kind(models.TextChoices):
        JEJU = "jeju", _("Jeju")
        REMOTE = "remote", _("Remote islands and mountains")

    kind = models.CharField(_("Kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("Area"), max_length=100)
    postcode_from = models.CharField(_("From postcode"), max_length=5)
    postcode_to = models.CharField(_("To postcode"), max_length=5)

    class Meta:
        ordering = ["kind", "postcode_from"]
        verbose_name = _("Postcode zone")
        verbose_name_plural = _("Postcode zones")
        constraints = [
            models.CheckConstraint(
                condition=Q(postcode_from__lte=F("postcode_to")),
                name="shipping_zone_range_ordered",
                violation_error_message=_("The first postcode must not be after the last."),
            ),
            models.CheckConstraint(
                condition=Q(postcode_from__regex=r"^[0-9]{5}$", postcode_to__regex=r"^[0-9]{5}$"),
                name="shipping_zone_five_digits",
                violation_error_message=_("Postcodes have five digits."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.name} {self.postcode_from}–{self.postcode_to}"


class ShippingPolicy(models.Model):
    """How one partner charges for shipping (배송비 정책)."""

    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.CASCADE, related_name="shipping_policy"
    )
    base_fee = models.PositiveIntegerField(_("Base shipping fee (KRW)"), default=3000)
    free_over = models.PositiveIntegerField(
        _("Free shipping from (KRW)"),
        null=True,
        blank=True,
        help_text=_("The base fee is waived when this partner's goods in the order reach it."),
    )
    jeju_fee = models.PositiveIntegerField(_("Jeju surcharge (KRW)"), default=3000)
    remote_fee = models.PositiveIntegerField(
        _("Remote islands and mountains surcharge (KRW)"), default=5000
    )
    bundled = models.BooleanField(
        _("Bundled shipping"),
        default=True,
        help_text=_("One fee for all of this partner's goods in an order (묶음배송)."),
    )
    return_fee = models.PositiveIntegerField(
        _("Return shipping fee, one way (KRW)"),
        default=3000,
        help_text=_("Charged to the customer when a return is not the partner's fault."),
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Shipping policy")
        verbose_name_plural = _("Shipping policies")

    def __str__(self):
        return str(self.partner)


class ProductShipping(models.Model):
    """A product's own shipping terms: an extra fee per unit, or shipping paid on delivery."""

    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, related_name="shipping_terms"
    )
    extra_fee = models.PositiveIntegerField(
        _("Extra shipping fee per unit (KRW)"),
        default=0,
        help_text=_("For heavy or bulky goods; charged even when shipping is otherwise free."),
    )
    separate = models.BooleanField(
        _("Shipping charged separately"),
        default=False,
        help_text=_("배송비 별도: the customer pays the courier on delivery; nothing at checkout."),
    )

    class Meta:
        verbose_name = _("Product shipping terms")
        verbose_name_plural = _("Product shipping terms")

    def __str__(self):
        return str(self.product)


class OrderShippingCharge(models.Model):
    """What one partner charged for shipping in one order: settled once, to that partner."""

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="partner_shipping_charges"
    )
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="shipping_charges"
    )
    base = models.BigIntegerField(_("Base fee (KRW)"))
    surcharge = models.BigIntegerField(_("Surcharge (KRW)"))
    extra = models.BigIntegerField(_("Extra fees (KRW)"))
    amount = models.BigIntegerField(_("Shipping (KRW)"))
    zone = models.CharField(_("Zone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("Order shipping charge")
        constraints = [
            models.UniqueConstraint(fields=["order", "partner"], name="shipping_once_per_partner"),
            models.CheckConstraint(
                condition=Q(amount=F("base") + F("surcharge") + F("extra")),
                name="shipping_charge_adds_up",
            ),
        ]

    def __str__(self):
        return f"{self.order.number} {self.partner} {self.amount}"


from oscar.apps.shipping.models import *  # noqa: E402, F403
