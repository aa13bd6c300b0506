"""One back office: from the Wagtail admin (/cms/) to Oscar's dashboard (/dashboard/)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access import can_use_partner_dashboard


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_partner_dashboard(request.user)


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return DashboardMenuItem(
        _("Shop dashboard (orders, goods, deposits)"),
        reverse("dashboard:index"),
        icon_name="site",
        order=50,
        name="shop-dashboard",
    )
