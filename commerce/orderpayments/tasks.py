"""Side effects of bulk order changes that may wait for the task worker."""

from django.conf import settings
from django_tasks import task
from oscar.core.loading import get_class, get_model

AlertsDispatcher = get_class("customer.alerts.utils", "AlertsDispatcher")
Product = get_model("catalogue", "Product")


@task()
def product_alerts_send_task(product_ids: list[int]) -> int:
    """Customers waiting for these products hear that they are back (Oscar's product alerts,
    which Oscar sends on every stock record save; a batch release saves them in one UPDATE)."""
    if not settings.OSCAR_EAGER_ALERTS:
        return 0
    products = list(Product.objects.filter(pk__in=product_ids))
    for product in products:
        AlertsDispatcher().send_product_alert_email_for_user(product)
    return len(products)
