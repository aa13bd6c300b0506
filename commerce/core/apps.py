from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Store-wide commerce data for Korea: the shipping country, payment source types."""

    name = "commerce.core"
    label = "commerce_core"
    verbose_name = _("Commerce")

    def ready(self):
        from django.contrib.auth.models import User

        from commerce.core.names import user_full_name

        # Every full name the site shows (Wagtail's user lists, Oscar's dashboard, e-mails)
        # reads User.get_full_name: in Korean order, "김민지", not "민지 김".
        User.get_full_name = user_full_name
