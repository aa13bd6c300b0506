from django.urls import path
from oscar.apps.search import apps


class SearchConfig(apps.SearchConfig):
    """Oscar's search app, forked: the site-wide search lives here (label ``search``)."""

    name = "search"

    def ready(self):
        from django.apps import apps

        from search import kinds, signals  # noqa: F401  (registers the searchable kinds)
        from search.views import search as views
        from search.views.catalogue import ListedProductDetailView

        self.search_view = views.SearchView
        self.suggest_view = views.SuggestView
        signals.connect()
        # The catalogue app is Oscar's own; its product page is ours (search comes after it).
        apps.get_app_config("catalogue").detail_view = ListedProductDetailView

    def get_urls(self):
        urls = [
            path("", self.search_view.as_view(), name="search"),
            path("suggest/", self.suggest_view.as_view(), name="suggest"),
        ]
        return self.post_process_urls(urls)
