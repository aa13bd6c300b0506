"""Operators set the platform fee for each membership grade in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .models import FeeRate


@modeladmin_register
class FeeRateAdmin(ModelAdmin):
    model = FeeRate
    menu_label = _("Platform fee rates")
    menu_icon = "table"
    list_display = ("grade", "rate", "partner_bears_mc_commission")
