from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesReportsConfig(AppConfig):
    """Sales by partner, category, MC campaign and month (Oscar's own reports stay as they are)."""

    name = "commerce.reports"
    label = "sales_reports"
    verbose_name = _("Sales reports")
