from oscar.apps.dashboard.catalogue import apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Forked for its stock record form: partners edit prices in won, without decimals."""

    name = "commerce.dashboard.catalogue"
