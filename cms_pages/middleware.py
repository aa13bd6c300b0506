"""Finds the request's Wagtail Site from a short-lived cache instead of a query per request.

Wagtail looks the site up on every page view with an annotated query that costs more to
build than to run. Sites change rarely and only through the admin: the lookup is kept for
a minute, and saving or deleting a Site forgets it at once (in this process; other workers
of a site without a shared cache see the change within the minute).
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port
from wagtail.models import Site

CACHE_SECONDS = 60
_GENERATION_KEY = "thecen:site-lookup:generation"


def _key(request) -> str:
    hostname = split_domain_port(request._get_raw_host())[0]
    generation = cache.get_or_set(_GENERATION_KEY, 1, None)
    return f"thecen:site-lookup:{generation}:{hostname}:{request.get_port()}"


class SiteLookupMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _key(request)
        site = cache.get(key)
        if site is None:
            site = Site.find_for_request(request)
            if site is not None:
                cache.set(key, site, CACHE_SECONDS)
        request._wagtail_site = site  # where Site.find_for_request keeps its answer
        return self.get_response(request)


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_site_lookups(**kwargs):
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, 1, None)
