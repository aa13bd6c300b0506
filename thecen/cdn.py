"""Editorial pages a CDN (or the local caching proxy) may keep: `Cache-Control: public`.

A story, an enterprise profile, a campaign or an event page is the same for every anonymous
reader, once its forms take their CSRF token from the `csrftoken` cookie in JavaScript
(frontend/js/csrf.js) instead of the HTML. The middleware marks such a response public for
THECEN_CDN_MAX_AGE seconds only when nothing in it is personal: an anonymous GET, no cookie
sent but the neutral ones below, no cookie set in return, a 200 from the page's own template.
Anything else (a signed-in editor, a basket, an `?mc=` link, a password-protected page) is left
as Django made it. Publishing a page purges it from the cache through
wagtail.contrib.frontend_cache (WAGTAILFRONTENDCACHE, thecen/settings/base.py).

Prices and stock on a cached page are at most THECEN_CDN_MAX_AGE seconds old (60 by default);
the basket and checkout always read them live.

Running MC campaigns (issue #14): a visit credits the campaign's MC, which used to set the
attribution cookie in the page itself and so kept every such page out of the cache. Now:

- `?mc=CODE` links always reach the server: a request with `mc` in its query is never marked
  public, so the click and the cookie are recorded there, before any cacheable answer.
- A plain visit that the CDN may serve carries a one-pixel beacon instead
  (`request.cdn_shareable`, read by CampaignPage): the beacon is never cached and records the
  visit and sets the cookie. An `<img>` loads with JavaScript off too.
- The page itself is public for THECEN_CDN_CAMPAIGN_MAX_AGE seconds only (30): the offers on a
  running campaign change most, and the last day ends at midnight.

Adding to the basket with JavaScript off from a cached page sends an empty token. Instead of
Django's bare 403, `csrf_failure` answers such a POST to a form that cached pages carry (basket,
language) with a Korean "press once more" page holding a fresh token and the same fields;
nothing changes until that second, properly tokened POST. A POST from another site still fails
on its Origin/Referer first and gets the plain 403.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import REASON_CSRF_TOKEN_MISSING, REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.views import csrf
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie

from commerce.mc.services import COOKIE_NAME as MC_COOKIE

# Cookies that do not change what an anonymous page shows (the MC attribution is read at
# checkout only).
NEUTRAL_COOKIES = {"csrftoken", "django_language", MC_COOKIE}
# Forms that cached pages carry, which a reader without JavaScript sends with an empty token.
CONFIRMABLE_FORMS = {"basket:add", "set_language"}


class CdnCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.page_types = {label.lower() for label in settings.THECEN_CDN_PAGE_TYPES}

    def process_template_response(self, request, response):
        page = (response.context_data or {}).get("page")
        if page is not None and page._meta.label_lower in self.page_types:
            request._cdn_page = True
            running = getattr(page, "is_running", None)
            request._cdn_max_age = (
                min(settings.THECEN_CDN_MAX_AGE, settings.THECEN_CDN_CAMPAIGN_MAX_AGE)
                if callable(running) and running()
                else settings.THECEN_CDN_MAX_AGE
            )
        return response

    def __call__(self, request):
        # Read by the views: a page served from the cache must not record anything per reader.
        request.cdn_shareable = self._shareable_request(request)
        response = self.get_response(request)
        if getattr(request, "_cdn_page", False) and self._shareable(request, response):
            max_age = getattr(request, "_cdn_max_age", settings.THECEN_CDN_MAX_AGE)
            patch_cache_control(response, public=True, max_age=max_age)
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response

    @staticmethod
    def _shareable_request(request) -> bool:
        return (
            request.method in {"GET", "HEAD"}
            and "mc" not in request.GET
            and set(request.COOKIES) <= NEUTRAL_COOKIES
        )

    @classmethod
    def _shareable(cls, request, response) -> bool:
        user = getattr(request, "user", None)
        return (
            cls._shareable_request(request)
            and response.status_code == 200
            and not response.cookies
            and not response.has_header("Cache-Control")
            and (user is None or not user.is_authenticated)
        )


@never_cache
@ensure_csrf_cookie
def csrf_cookie(request):
    """Sets the csrftoken cookie for a reader whose page came from the cache (204, no body)."""
    return HttpResponse(status=204)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: an empty token on a cached page's form gets a second chance."""
    try:
        form = resolve(request.path_info).view_name
    except Resolver404:
        form = ""
    if (
        request.method != "POST"
        or form not in CONFIRMABLE_FORMS
        or reason not in {REASON_NO_CSRF_COOKIE, REASON_CSRF_TOKEN_MISSING}
    ):
        return csrf.csrf_failure(request, reason)
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        for value in values
    ]
    response = render(
        request,
        "frontend/csrf_confirm.html",
        {"action": request.path, "fields": fields, "to_basket": form == "basket:add"},
    )
    add_never_cache_headers(response)
    return response
