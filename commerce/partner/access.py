"""Who may use Oscar's dashboard as a partner."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied


def can_use_partner_dashboard(user) -> bool:
    """Staff, or a user linked to a partner and given Oscar's partner dashboard permission."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return user.has_perm("partner.dashboard_access") and user.partners.exists()


class PartnerDashboardMixin(LoginRequiredMixin):
    """For the partner pages we add to Oscar's dashboard (bookings, services, membership)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_use_partner_dashboard(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def can_use_cms(user) -> bool:
    """Staff who also work in the Wagtail admin (/cms/): the dashboard links there."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")
