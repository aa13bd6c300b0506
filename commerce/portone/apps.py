from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortOneConfig(AppConfig):
    """Card, easy-pay and virtual-account payments through PortOne V2, and its webhooks."""

    name = "commerce.portone"
    label = "portone"
    verbose_name = _("PortOne payments")

    def ready(self):
        from commerce.portone import receivers  # noqa: F401  (refunds on line cancellations)
