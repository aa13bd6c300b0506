from oscar.apps.search import apps


class SearchConfig(apps.SearchConfig):
    """Oscar's search app, forked: the site-wide search lives here (label ``search``)."""

    name = "search"
