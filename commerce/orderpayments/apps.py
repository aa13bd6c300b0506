from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrderPaymentsConfig(AppConfig):
    """How each order is paid without a gateway: bank transfer or on site, and its deadline."""

    name = "commerce.orderpayments"
    label = "orderpayments"
    verbose_name = _("Order payments")

    def ready(self):
        from commerce.orderpayments import receivers  # noqa: F401  (the expiry mail)
