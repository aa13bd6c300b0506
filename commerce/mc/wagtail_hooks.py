"""Operators review MCs, set commission rules and pay MCs out, in the Wagtail admin."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .models import CommissionRule, LedgerEntry, MarketCreator
from .views import mc_payout_view, mc_review_view


class MCButtons(ButtonHelper):
    def get_buttons_for_obj(self, obj, **kwargs):
        buttons = super().get_buttons_for_obj(obj, **kwargs)
        if obj.status == MarketCreator.Status.PENDING:
            url, label = reverse("mc_review", args=[obj.pk]), _("Review")
        else:
            url, label = reverse("mc_payout", args=[obj.pk]), _("Pay out")
        buttons.insert(
            0, {"url": url, "label": label, "classname": "button button-small", "title": label}
        )
        return buttons


class MCAdmin(ModelAdmin):
    model = MarketCreator
    list_display = ("name", "kind", "code", "status", "created")
    list_filter = ("status", "kind")
    search_fields = ("name", "code", "email")
    button_helper_class = MCButtons


class RuleAdmin(ModelAdmin):
    model = CommissionRule
    list_display = ("mc_kind", "category", "campaign", "rate")


class LedgerAdmin(ModelAdmin):
    model = LedgerEntry
    list_display = (
        "created",
        "mc",
        "kind",
        "base_amount",
        "rate",
        "amount",
        "withholding",
        "status",
    )
    list_filter = ("status", "kind", "mc")


@modeladmin_register
class MCGroup(ModelAdminGroup):
    menu_label = _("Market Creators")
    menu_icon = "user"
    items = (MCAdmin, RuleAdmin, LedgerAdmin)


@hooks.register("register_admin_urls")
def mc_admin_urls():
    return [
        path("mc/<int:pk>/review/", mc_review_view, name="mc_review"),
        path("mc/<int:pk>/payout/", mc_payout_view, name="mc_payout"),
    ]
