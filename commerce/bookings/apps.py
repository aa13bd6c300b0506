from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    """Bookable services: availability, slots, holds, bookings and consultations."""

    name = "commerce.bookings"
    label = "services"
    verbose_name = _("Services")

    def ready(self):
        from commerce.bookings import receivers  # noqa: F401  (connects the order-money signals)
