from oscar.apps.dashboard import apps


class DashboardConfig(apps.DashboardConfig):
    """Forked so that its sub-apps (orders) can be forked: Oscar loads their classes through it."""

    name = "commerce.dashboard"
