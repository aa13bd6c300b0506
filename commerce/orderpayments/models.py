from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .methods import PaymentMethod


class OrderPayment(models.Model):
    """One per order: the method, the deposit deadline, and who confirmed the money."""

    order = models.OneToOneField("order.Order", on_delete=models.CASCADE, related_name="payment")
    method = models.CharField(_("Method"), max_length=20, choices=PaymentMethod.choices)
    deadline = models.DateTimeField(_("Deposit deadline"), null=True, blank=True, db_index=True)
    paid_at = models.DateTimeField(_("Paid at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("Cancelled at"), null=True, blank=True)
    # The name the bank statement will show (입금자명): asked at checkout, the orderer's by default.
    depositor_name = models.CharField(_("Depositor name"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("Order payment")

    def __str__(self):
        return f"{self.order.number} {self.get_method_display()}"
