"""The secretariat's membership tools in the Wagtail admin (wagtail-modeladmin)."""

from django.contrib import admin
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import InspectView

from .models import DuesInvoice, Grade, Membership, PartnerApplication
from .selectors import application_profile_link
from .views import dues_paid_view, review_view, suspension_view


class ApplicationButtons(ButtonHelper):
    def get_buttons_for_obj(self, obj, **kwargs):
        buttons = super().get_buttons_for_obj(obj, **kwargs)
        if obj.status == PartnerApplication.Status.PENDING:
            buttons.insert(
                0,
                {
                    "url": reverse("membership_review", args=[obj.pk]),
                    "label": _("Review"),
                    "classname": "button button-small button-primary",
                    "title": _("Approve or reject"),
                },
            )
        return buttons


class DuesButtons(ButtonHelper):
    def get_buttons_for_obj(self, obj, **kwargs):
        buttons = super().get_buttons_for_obj(obj, **kwargs)
        if obj.status == DuesInvoice.Status.OPEN:
            buttons.insert(
                0,
                {
                    "url": reverse("membership_dues_paid", args=[obj.pk]),
                    "label": _("Mark paid"),
                    "classname": "button button-small",
                    "title": _("Mark paid"),
                },
            )
        return buttons


class MembershipButtons(ButtonHelper):
    def get_buttons_for_obj(self, obj, **kwargs):
        buttons = super().get_buttons_for_obj(obj, **kwargs)
        if self.request.user.has_perm("membership.change_membership"):
            suspended = obj.partner.is_suspended
            buttons.insert(
                0,
                {
                    "url": reverse("membership_suspension", args=[obj.pk]),
                    "label": _("Put back on sale") if suspended else _("Suspend listings"),
                    "classname": "button button-small"
                    + ("" if suspended else " button-secondary no"),
                    "title": _("Put back on sale") if suspended else _("Suspend listings"),
                },
            )
        return buttons


def profile_link_html(application) -> str:
    return render_to_string(
        "commerce/membership/profile_link.html",
        {"link": application_profile_link(application=application)},
    )


class ApplicationInspectView(InspectView):
    def get_field_display_value(self, field_name, field=None):
        if field_name == "profile_page":
            return profile_link_html(self.instance)
        return super().get_field_display_value(field_name, field)


class ApplicationAdmin(ModelAdmin):
    model = PartnerApplication
    list_per_page = 50  # one page costs the same at any size (bench/scale.py)
    menu_label = _("Applications")
    list_display = ("name", "kind", "brn", "representative", "status", "profile", "created")
    list_filter = ("status", "kind")
    search_fields = ("name", "brn", "email")
    button_helper_class = ApplicationButtons
    inspect_view_enabled = True
    inspect_view_class = ApplicationInspectView

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("profile_page")

    @admin.display(description=_("Enterprise profile page"))
    def profile(self, obj):
        return profile_link_html(obj)


class SuspendedFilter(admin.SimpleListFilter):
    title = _("Listing status")
    parameter_name = "suspended"

    def lookups(self, request, model_admin):
        return [("yes", _("Suspended")), ("no", _("On sale"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(partner__suspended_at__isnull=self.value() == "no")
        return queryset


class MembershipAdmin(ModelAdmin):
    model = Membership
    list_per_page = 50
    list_display = ("partner", "grade", "since", "listing_status")
    list_filter = (SuspendedFilter, "grade")
    search_fields = ("partner__name",)
    button_helper_class = MembershipButtons

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("partner", "grade")

    @admin.display(description=_("Listing status"))
    def listing_status(self, obj):
        return render_to_string("commerce/membership/listing_status.html", {"partner": obj.partner})


class GradeAdmin(ModelAdmin):
    model = Grade
    list_display = ("name", "listing_limit", "promotion_slots", "annual_dues")


class DuesAdmin(ModelAdmin):
    model = DuesInvoice
    list_display = ("membership", "year", "amount", "due_date", "status")
    list_filter = ("status", "year")
    button_helper_class = DuesButtons


@modeladmin_register
class MembershipGroup(ModelAdminGroup):
    menu_label = _("Partner membership")
    menu_icon = "group"
    items = (ApplicationAdmin, MembershipAdmin, GradeAdmin, DuesAdmin)


@hooks.register("register_admin_urls")
def membership_admin_urls():
    return [
        path("membership/applications/<int:pk>/review/", review_view, name="membership_review"),
        path("membership/dues/<int:pk>/paid/", dues_paid_view, name="membership_dues_paid"),
        path(
            "membership/members/<int:pk>/suspension/",
            suspension_view,
            name="membership_suspension",
        ),
    ]
