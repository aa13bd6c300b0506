"""Operators keep the couriers and their tracking links in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .models import Courier


@modeladmin_register
class CourierAdmin(ModelAdmin):
    model = Courier
    menu_label = _("Couriers")
    menu_icon = "site"
    list_display = ("name", "tracking_url", "active", "position")
    list_filter = ("active",)
    search_fields = ("name",)
