from django.db import models
from django.utils.translation import gettext_lazy as _


class PortOnePayment(models.Model):
    """What PortOne said of an order's payment, the last time we asked it."""

    order = models.OneToOneField("order.Order", on_delete=models.CASCADE, related_name="portone")
    # Our order number: the paymentId the browser asked PortOne to pay.
    payment_id = models.CharField(_("PortOne payment ID"), max_length=64, unique=True)
    method = models.CharField(_("Method"), max_length=20)
    status = models.CharField(_("PortOne status"), max_length=32)
    amount = models.DecimalField(_("Amount"), max_digits=12, decimal_places=0)
    cancelled_amount = models.DecimalField(
        _("Cancelled amount"), max_digits=12, decimal_places=0, default=0
    )
    receipt_url = models.URLField(_("Receipt"), max_length=500, blank=True)
    pg_tx_id = models.CharField(max_length=100, blank=True)
    account_bank = models.CharField(_("Bank"), max_length=40, blank=True)
    account_number = models.CharField(_("Account number"), max_length=40, blank=True)
    account_holder = models.CharField(_("Account holder"), max_length=80, blank=True)
    account_due = models.DateTimeField(_("Deposit by"), null=True, blank=True)
    paid_at = models.DateTimeField(_("Paid at"), null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("PortOne payment")

    def __str__(self):
        return f"{self.payment_id} {self.status}"


class PortOneCancellation(models.Model):
    """A cancellation (whole or partial refund) PortOne accepted."""

    payment = models.ForeignKey(
        PortOnePayment, on_delete=models.CASCADE, related_name="cancellations"
    )
    cancellation_id = models.CharField(max_length=64, unique=True)
    amount = models.DecimalField(_("Amount"), max_digits=12, decimal_places=0)
    reason = models.TextField(_("Reason"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created"]
        verbose_name = _("PortOne cancellation")

    def __str__(self):
        return f"{self.payment.payment_id} −{self.amount}"


class PortOneWebhook(models.Model):
    """Every webhook handled once: PortOne retries, and a retry must not confirm twice."""

    webhook_id = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=60)
    payment_id = models.CharField(max_length=64, blank=True, db_index=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("PortOne webhook")

    def __str__(self):
        return f"{self.webhook_id} {self.kind}"


class PortOneOrphan(models.Model):
    """A payment PortOne took that no order stands behind (the shopper paid, then closed the
    window before coming back): given back by the sweeper, recorded for the accounts."""

    payment_id = models.CharField(_("PortOne payment ID"), max_length=64, unique=True)
    status = models.CharField(_("PortOne status"), max_length=32)
    amount = models.DecimalField(_("Amount"), max_digits=12, decimal_places=0)
    returned = models.BooleanField(_("Money returned"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Payment without an order")
        verbose_name_plural = _("Payments without an order")

    def __str__(self):
        return f"{self.payment_id} {self.status}"
