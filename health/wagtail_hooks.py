from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from health import admin_views
from health.models import Dimension

register_snippet(Dimension)


@hooks.register("register_admin_urls")
def health_admin_urls():
    return [path("health/stats/", admin_views.stats, name="health_stats")]


@hooks.register("register_reports_menu_item")
def health_stats_menu_item():
    return MenuItem(
        _("Health check statistics"),
        reverse("health_stats"),
        icon_name="table",
        order=900,
    )
