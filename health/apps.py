from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    """Health self-checks and health groups (건강반), the Majubom side of the site."""

    name = "health"
    label = "health"
    verbose_name = _("Health")

    def ready(self):
        from health import search_kinds  # noqa: F401  (registers health groups)
