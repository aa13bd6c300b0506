"""Operators review MCs and their profiles, set commission rules and pay MCs out."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import IndexView

from commerce.core.exports import SpreadsheetExportViewMixin

from .models import CommissionRule, LedgerEntry, MarketCreator, PayoutStatement
from .views import (
    mc_payout_account_view,
    mc_payout_view,
    mc_review_view,
    mc_statement_admin_csv_view,
    mc_withholding_report_view,
)


class ExportIndexView(SpreadsheetExportViewMixin, IndexView):
    """Exports through commerce.core.exports: Excel-safe, Korean labels, Seoul times."""


class MCButtons(ButtonHelper):
    def get_buttons_for_obj(self, obj, **kwargs):
        buttons = super().get_buttons_for_obj(obj, **kwargs)
        if obj.status == MarketCreator.Status.PENDING:
            if not self.request.user.has_perm("mc.review_marketcreator"):
                return buttons
            url, label = reverse("mc_review", args=[obj.pk]), _("Review")
        elif self.request.user.has_perm("mc.add_payoutstatement"):
            url, label = reverse("mc_payout", args=[obj.pk]), _("Pay out")
        else:
            url = label = None
        if self.request.user.has_perm("mc.view_payoutaccount"):
            account_url = reverse("mc_payout_account", args=[obj.pk])
            buttons.append(
                {
                    "url": account_url,
                    "label": _("Payout account"),
                    "classname": "button button-small button-secondary",
                    "title": _("Payout account"),
                }
            )
        if url is None:
            return buttons
        buttons.insert(
            0, {"url": url, "label": label, "classname": "button button-small", "title": label}
        )
        return buttons


class MCAdmin(ModelAdmin):
    model = MarketCreator
    list_per_page = 50  # one page costs the same at any size (bench/scale.py)
    menu_label = _("Market Creators")
    list_display = ("name", "kind", "region", "code", "status", "created")
    list_filter = ("status", "kind")
    search_fields = ("name", "code", "email", "region", "community", "bio")
    list_export = (
        "name",
        "kind",
        "code",
        "status",
        "region",
        "community",
        "email",
        "phone",
        "website",
        "social_link",
        "created",
    )
    export_filename = _("market-creators")
    index_view_class = ExportIndexView
    button_helper_class = MCButtons
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("community"),
            ],
            heading=_("Application"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("photo"),
                FieldPanel("bio"),
                FieldPanel("region"),
                FieldRowPanel([FieldPanel("website"), FieldPanel("social_link")]),
            ],
            heading=_("Public profile"),
        ),
        FieldPanel("withholding_rate"),
    ]


class RuleAdmin(ModelAdmin):
    model = CommissionRule
    menu_label = _("Commission rules")
    list_display = ("scope", "rate")
    list_filter = ("mc_kind",)
    list_export = ("mc_kind", "category", "campaign", "rate")
    export_filename = _("commission-rules")
    index_view_class = ExportIndexView
    panels = [
        FieldPanel("mc_kind"),
        FieldPanel("category"),
        FieldPanel("campaign"),
        FieldPanel("rate"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category", "campaign")


class RecordsOnly(PermissionHelper):
    """Ledger entries and statements are written by the services only: list and inspect."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class LedgerAdmin(ModelAdmin):
    model = LedgerEntry
    list_per_page = 50  # one page costs the same at any size (bench/scale.py)
    menu_label = _("Ledger")
    list_display = (
        "created",
        "mc",
        "kind",
        "campaign_title",
        "base_amount",
        "rate",
        "amount",
        "withholding",
        "status",
        "statement",
    )
    list_filter = ("status", "kind", "mc")
    list_export = list_display
    export_filename = _("mc-ledger")
    index_view_class = ExportIndexView
    inspect_view_enabled = True
    permission_helper_class = RecordsOnly

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("mc", "statement__mc")


class StatementButtons(ButtonHelper):
    def get_buttons_for_obj(self, obj, **kwargs):
        buttons = super().get_buttons_for_obj(obj, **kwargs)
        url, label = reverse("mc_statement_csv", args=[obj.pk]), _("Download CSV")
        buttons.append(
            {"url": url, "label": label, "classname": "button button-small", "title": label}
        )
        return buttons


class StatementAdmin(ModelAdmin):
    model = PayoutStatement
    list_per_page = 50  # one page costs the same at any size (bench/scale.py)
    menu_label = _("Payout statements")
    menu_icon = "doc-full"
    list_display = (
        "period_label",
        "mc",
        "gross",
        "reversals",
        "withholding",
        "carried_in",
        "net",
        "paid_at",
    )
    list_filter = ("mc", "period")
    search_fields = ("mc__name", "mc__code")
    list_export = (
        "period",
        "mc",
        "gross",
        "reversals",
        "withholding",
        "carried_in",
        "net",
        "paid_at",
        "operator",
    )
    export_filename = _("payout-statements")
    index_view_class = ExportIndexView
    inspect_view_enabled = True
    permission_helper_class = RecordsOnly
    button_helper_class = StatementButtons

    def period_label(self, obj):
        return obj.period.strftime("%Y-%m")

    period_label.short_description = _("Period")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("mc", "operator")


@modeladmin_register
class MCGroup(ModelAdminGroup):
    menu_label = _("Market Creators")
    menu_icon = "user"
    items = (MCAdmin, RuleAdmin, LedgerAdmin, StatementAdmin)


class WithholdingReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("mc.view_payoutstatement")


@hooks.register("register_reports_menu_item")
def withholding_report_menu_item():
    year = timezone.localdate().year
    return WithholdingReportMenuItem(
        _("Withholding tax report %(year)s") % {"year": year},
        reverse("mc_withholding_report", args=[year]),
        icon_name="download",
        order=900,
    )


@hooks.register("register_admin_urls")
def mc_admin_urls():
    return [
        path("mc/<int:pk>/review/", mc_review_view, name="mc_review"),
        path("mc/<int:pk>/payout/", mc_payout_view, name="mc_payout"),
        path("mc/statements/<int:pk>/csv/", mc_statement_admin_csv_view, name="mc_statement_csv"),
        path("mc/<int:pk>/payout-account/", mc_payout_account_view, name="mc_payout_account"),
        path(
            "mc/withholding/<int:year>/",
            mc_withholding_report_view,
            name="mc_withholding_report",
        ),
    ]
