from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping import apps


class ShippingConfig(apps.ShippingConfig):
    """Oscar's shipping app, forked: each partner's own shipping policy (배송비 정책)."""

    name = "commerce.shipping"
    verbose_name = _("Shipping")

    def ready(self):
        super().ready()
        from . import receivers  # noqa: F401
