"""Operators keep the postcode zones (제주, 도서산간) in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .models import PostcodeZone


@modeladmin_register
class PostcodeZoneAdmin(ModelAdmin):
    model = PostcodeZone
    menu_label = _("Postcode zones")
    menu_icon = "site"
    list_display = ("kind", "name", "postcode_from", "postcode_to")
    list_filter = ("kind",)
    search_fields = ("name", "postcode_from", "postcode_to")
