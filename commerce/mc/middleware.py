from django.utils.encoding import escape_uri_path

from .services import attribution_read, attribution_set


class AttributionMiddleware:
    """``?mc=CODE`` on any page remembers the MC in a first-party cookie (last MC wins).

    The same MC's link on the same page again (a reload, or the redirect back after
    "장바구니 담기", which keeps ``?mc=``) is the same arrival: not a second click."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        code = request.GET.get("mc")
        if code and request.method == "GET":
            page = escape_uri_path(request.path)
            current = attribution_read(request) or {}
            if (current.get("mc"), current.get("src")) != (code.strip().lower(), page[:500]):
                attribution_set(request, response, mc_code=code, source_page=page)
        return response
