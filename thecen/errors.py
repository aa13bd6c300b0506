"""What the site answers when the request or the database is not what it should be.

- A NUL byte anywhere in the path, the query or a form is never valid text (PostgreSQL cannot
  store it and answers ``DataError``): the request is refused with a Korean 400 page before any
  view sees it, and nothing changes.
- While the database is away (restart, failover), every page answers a Korean 503 page with
  ``Retry-After`` instead of a server error; nothing on that page needs the database.
"""

from __future__ import annotations

import logging
import sys

from django import db
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def _has_nul(request) -> bool:
    if "\x00" in request.path:
        return True
    sources = [request.GET, request.POST] if request.method == "POST" else [request.GET]
    for data in sources:
        for key, values in data.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


class BadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return HttpResponse(render_to_string("400.html"), status=400)
        return self.get_response(request)


def database_unavailable(request=None) -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: a lost database connection is a 503 (come back soon), not a 500."""
    error = sys.exc_info()[1]
    if isinstance(error, db.OperationalError | db.InterfaceError):
        # Close it so the next request opens a new connection instead of reusing a dead one.
        for connection in db.connections.all(initialized_only=True):
            connection.close_if_unusable_or_obsolete()
        return database_unavailable(request)
    return defaults.server_error(request, template_name)
