"""Editorial pages a CDN (or the local caching proxy) may keep: `Cache-Control: public`.

A story, an enterprise profile, a campaign or an event page is the same for every anonymous
reader, once its forms take their CSRF token from the `csrftoken` cookie in JavaScript
(frontend/js/csrf.js) instead of the HTML. The middleware marks such a response public for
THECEN_CDN_MAX_AGE seconds only when nothing in it is personal: an anonymous GET, no cookie
sent but the CSRF and language ones, no cookie set in return, a 200 from the page's own
template. Anything else (a signed-in editor, a basket, an MC link that sets its cookie, a
password-protected page) is left as Django made it. Publishing a page purges it from the cache
through wagtail.contrib.frontend_cache (WAGTAILFRONTENDCACHE, thecen/settings/base.py).

Prices and stock on a cached page are at most THECEN_CDN_MAX_AGE seconds old (60 by default);
the basket and checkout always read them live.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie

# Cookies that do not change what an anonymous page shows.
NEUTRAL_COOKIES = {"csrftoken", "django_language"}


class CdnCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.page_types = {label.lower() for label in settings.THECEN_CDN_PAGE_TYPES}

    def process_template_response(self, request, response):
        page = (response.context_data or {}).get("page")
        if page is not None and page._meta.label_lower in self.page_types:
            request._cdn_page = True
        return response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_cdn_page", False) and self._shareable(request, response):
            patch_cache_control(response, public=True, max_age=settings.THECEN_CDN_MAX_AGE)
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response

    @staticmethod
    def _shareable(request, response) -> bool:
        user = getattr(request, "user", None)
        return (
            request.method in {"GET", "HEAD"}
            and response.status_code == 200
            and not response.cookies
            and not response.has_header("Cache-Control")
            and (user is None or not user.is_authenticated)
            and set(request.COOKIES) <= NEUTRAL_COOKIES
        )


@never_cache
@ensure_csrf_cookie
def csrf_cookie(request):
    """Sets the csrftoken cookie for a reader whose page came from the cache (204, no body)."""
    return HttpResponse(status=204)
