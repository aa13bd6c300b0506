from django.utils.encoding import escape_uri_path

from .services import attribution_set


class AttributionMiddleware:
    """``?mc=CODE`` on any page remembers the MC in a first-party cookie (last MC wins)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        code = request.GET.get("mc")
        if code and request.method == "GET":
            attribution_set(
                request, response, mc_code=code, source_page=escape_uri_path(request.path)
            )
        return response
