"""Operators' view of the self-checks: anonymous counts only (see models/stats.py)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from health import selectors


def stats(request):
    if not request.user.has_perm("health.view_checktally"):
        raise PermissionDenied
    return TemplateResponse(request, "health/admin_stats.html", selectors.check_stats())
