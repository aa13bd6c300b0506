"""Oscar's order dashboard forms, with the order statuses shown in the reader's language."""

from django.utils.translation import pgettext_lazy
from oscar.apps.dashboard.orders import forms as oscar_forms
from oscar.apps.dashboard.orders.forms import *  # noqa: F403


def status_choices(statuses):
    # The statuses are the English keys of OSCAR_ORDER_STATUS_PIPELINE (msgctxt "order status").
    return [(status, pgettext_lazy("order status", status)) for status in statuses]


class OrderSearchForm(oscar_forms.OrderSearchForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "---------")] + status_choices(
            oscar_forms.Order.all_statuses()
        )


class OrderStatusForm(oscar_forms.OrderStatusForm):
    def __init__(self, order, *args, **kwargs):
        super().__init__(order, *args, **kwargs)
        self.fields["new_status"].choices = status_choices(order.available_statuses())
