from django.shortcuts import redirect

from .access import can_use_partner_dashboard


def after_login_view(request):
    """Where a sign-in lands (LOGIN_REDIRECT_URL): partners and staff in the dashboard they
    work in, everyone else on the home page."""
    if can_use_partner_dashboard(request.user):
        return redirect("dashboard:index")
    return redirect("/")
