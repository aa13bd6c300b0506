from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import IndexView

from cms_pages.choosers import partner_chooser_viewset, product_chooser_viewset
from cms_pages.models import ContentCreatorProfile, EventRegistration
from cms_pages.roles import user_may_work_on
from commerce.core.exports import SpreadsheetExportViewMixin


class ExportIndexView(SpreadsheetExportViewMixin, IndexView):
    """Exports through commerce.core.exports: Excel-safe, Korean labels, Seoul times."""


@hooks.register("register_admin_viewset")
def register_catalogue_choosers():
    return [product_chooser_viewset, partner_chooser_viewset]


@hooks.register("before_create_page")
def limit_page_types_on_create(request, parent_page, page_class):
    if not user_may_work_on(request.user, page_class):
        raise PermissionDenied


@hooks.register("before_edit_page")
def limit_page_types_on_edit(request, page):
    if not user_may_work_on(request.user, page.specific_class):
        raise PermissionDenied


class ContentCreatorProfileAdmin(ModelAdmin):
    model = ContentCreatorProfile
    menu_label = _("Contents Creators")
    menu_icon = "user"
    list_display = ("name", "user", "created_at")
    list_filter = ("created_at",)
    search_fields = ("name", "bio")
    list_export = ("name", "user", "bio", "created_at")
    export_filename = _("contents-creators")
    index_view_class = ExportIndexView


class EventRegistrationAdmin(ModelAdmin):
    model = EventRegistration
    list_per_page = 50  # one page costs the same at any size (bench/scale.py)
    menu_label = _("Event registrations")
    menu_icon = "form"
    list_display = ("name", "event", "status", "phone", "email", "created_at")
    list_filter = ("status", "event")
    search_fields = ("name", "phone", "email")
    list_export = ("event", "name", "phone", "email", "status", "created_at")
    export_filename = _("event-registrations")
    index_view_class = ExportIndexView
    inspect_view_enabled = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event")


class EditorialAdminGroup(ModelAdminGroup):
    menu_label = _("Editorial")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (ContentCreatorProfileAdmin, EventRegistrationAdmin)


modeladmin_register(EditorialAdminGroup)
