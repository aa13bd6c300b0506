from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    """Where a basket line came from (a story or an MC campaign): the ground for attribution."""

    name = "commerce.provenance"
    label = "sources"
    verbose_name = _("Basket line sources")

    def ready(self):
        from commerce.provenance import receivers  # noqa: F401
