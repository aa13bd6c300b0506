from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MCConfig(AppConfig):
    """Market Creators: applications, attribution of sales, commission ledger."""

    name = "commerce.mc"
    label = "mc"
    verbose_name = _("Market Creators")

    def ready(self):
        from commerce.mc import receivers  # noqa: F401  (connects the order-money signals)
