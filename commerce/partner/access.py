"""Who may use Oscar's dashboard as a partner."""


def can_use_partner_dashboard(user) -> bool:
    """Staff, or a user linked to a partner and given Oscar's partner dashboard permission."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return user.has_perm("partner.dashboard_access") and user.partners.exists()
