from django.urls import URLPattern
from oscar import config


class Shop(config.Shop):
    """Oscar's storefront, without its redirect of ``/`` to the catalogue.

    ``/`` belongs to the Wagtail home page; every other Oscar URL stays where Oscar puts it.
    """

    def get_urls(self):
        return [
            url
            for url in super().get_urls()
            if not (isinstance(url, URLPattern) and str(url.pattern) == "")
        ]
