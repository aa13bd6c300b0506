from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = _("Editorial pages")

    def ready(self):
        from cms_pages import admin_fixes, receivers, signals  # noqa: F401  (receivers connect)

        admin_fixes.install()

        signals.connect()
