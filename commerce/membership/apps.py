from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    """Partner Agency membership: applications, grades, dues, suspension."""

    name = "commerce.membership"
    label = "membership"
    verbose_name = _("Partner membership")

    def ready(self):
        from commerce.membership import receivers  # noqa: F401  (connects the order-money signals)
