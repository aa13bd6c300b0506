from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Store-wide commerce data for Korea: the shipping country, payment source types."""

    name = "commerce.core"
    label = "commerce_core"
    verbose_name = _("Commerce")
