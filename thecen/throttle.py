"""Per-client limits on the public forms, counted on the shared cache (django-ratelimit).

One client (an IP address, or the one given by RATELIMIT_IP_META_KEY behind a proxy) may post
each form only so often: THECEN_THROTTLE maps a path pattern to a rate ("5/h"). Beyond it the
form answers a Korean 429 page with Retry-After and nothing is stored or mailed. Logins have
their own lock-out (django-axes). With several web servers the cache must be shared (Redis);
a per-process cache still limits each process.
"""

from __future__ import annotations

import re
from functools import cache

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django_ratelimit.core import get_usage

# Oscar's login page also takes sign-ups: only the sign-up button counts as a sign-up.
_FORM_BUTTONS = {"signup": "registration_submit"}


@cache
def _rules():
    return [(scope, re.compile(pattern), rate) for scope, pattern, rate in settings.THECEN_THROTTLE]


class ThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            for scope, pattern, rate in _rules():
                if not pattern.search(request.path_info):
                    continue
                button = _FORM_BUTTONS.get(scope)
                if button and button not in request.POST:
                    continue
                usage = get_usage(
                    request, group=f"thecen:{scope}", key="ip", rate=rate, increment=True
                )
                if usage and usage["should_limit"]:
                    response = HttpResponse(render_to_string("429.html"), status=429)
                    response["Retry-After"] = str(max(1, usage["time_left"]))
                    return response
        return self.get_response(request)
