"""The fuzz corpus: no bad input ever answers a server error.

- URL parameters: every URL pattern of the resolver outside the back office (and the partner's
  own dashboard pages) with each path parameter replaced by a real id, a non-numeric id, a
  negative, a zero, a huge number and a NUL byte; every page also with hostile query values
  (``q``, ``page``, ``mc``, ``sort``, ``next``).
- Forms: each public, customer and partner page is fetched (GET), its POST forms are read
  from the HTML, and each field in turn is posted with every payload (the other fields keep
  their shown values): NUL bytes, non-numeric and huge/negative numbers, line breaks meant for
  a mail header, spreadsheet formula prefixes, overlong strings and impossible dates.

Against PostgreSQL; the counts are printed. The per-client limits are reset before each
request, so every request reaches its view.
"""

import re
from html.parser import HTMLParser
from urllib.parse import quote, urlencode

from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.world import SecurityWorld

NUL = "a\x00b"
PAYLOADS = [
    NUL,
    "abc",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "김하나\r\nBcc: victim@evil.example",
    '=HYPERLINK("http://evil.example","x")',
    "@SUM(1+1)",
    "+1+1",
    "가" * 5000,
    "2026-13-45",
    "2026-02-30T25:61",
]
QUERY_PAYLOADS = [NUL, "abc", "-1", "99999999999999999999999999", "김\r\nX-Evil: 1"]
FORM_PAYLOADS = [p for p in PAYLOADS if p not in ("0", "+1+1", "@SUM(1+1)", "2026-02-30T25:61")]
PATH_VALUES = ["abc", "-1", "0", "99999999999999999999999", "%00", "가"]
QUERY_KEYS = ["q", "page", "mc", "sort", "next", "format", "response_format", "status"]
SKIPPED_PREFIXES = ("cms/", "django-admin/", "documents/", "i18n/", "_util/")
# Oscar's back-office pages are the operator's; the partner's are fuzzed.
PARTNER_DASHBOARD = (
    "dashboard/bookings/",
    "dashboard/services/",
    "dashboard/membership/",
    "dashboard/shipping-policy/",
    "dashboard/orders/",
    "dashboard/catalogue/",
)


def patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def fill(route: str, value: str) -> str:
    path = route.replace("^", "").replace("$", "")
    path = _PARAM.sub(lambda m: value, path)
    path = re.sub(r"\(\(\?:\[\\w\\-\]\+/\)\*\)", "", path)  # Wagtail's catch-all
    return "/" + path.replace("\\", "")


class FormReader(HTMLParser):
    """The POST forms of a page: action and the fields' names with their shown values."""

    def __init__(self):
        super().__init__()
        self.forms, self._form = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select"):
            name = attrs.get("name")
            if not name or attrs.get("type") in ("file",):
                return
            if attrs.get("type") in ("checkbox", "radio") and name in self._form["fields"]:
                return
            self._form["fields"][name] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


class FuzzTest(SecurityWorld):
    def client_as(self, role):
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.force_login(self.users[role])
        return client

    def send(self, client, method, url, data=None):
        cache.clear()  # the per-client limits would answer 429 before the view
        with transaction.atomic():
            response = getattr(client, method)(url, data or {})
            transaction.set_rollback(True)
        self.sent += 1
        if response.status_code >= 500:
            self.failures.append(f"{response.status_code} {method.upper()} {url} {data!r:.200}")
        return response

    def setUp(self):
        self.sent = 0
        self.failures = []

    def public_routes(self):
        for route in patterns():
            if route.startswith(SKIPPED_PREFIXES):
                continue
            if route.startswith("dashboard/") and not route.startswith(PARTNER_DASHBOARD):
                continue
            if route.startswith("dashboard/") and route.count("/") > 3 and "<" not in route:
                continue
            yield route

    def test_url_parameters(self):
        real_ids = {
            "product": str(self.goods_a.pk),
            "booking": str(self.booking.pk),
            "order": self.order_a.number,
        }
        routes = list(self.public_routes())
        clients = {role: self.client_as(role) for role in ("anonymous", "customer", "partner_a")}
        for route in routes:
            # Each URL as the one who would open it: the partner's pages as partner A, the
            # account and checkout pages as the customer, the rest anonymously.
            role = "anonymous"
            if route.startswith("dashboard/"):
                role = "partner_a"
            elif route.startswith(("accounts/", "checkout/", "mc/", "health/results")):
                role = "customer"
            values = PATH_VALUES + list(real_ids.values()) if _PARAM.search(route) else [""]
            for value in values:
                self.send(clients[role], "get", fill(route, quote(value, safe="%")))
        # Hostile query values on the pages people land on.
        pages = [
            "/",
            self.story.url,
            self.event.url,
            "/catalogue/",
            "/search/",
            self.goods_a.get_absolute_url(),
            "/basket/",
            "/accounts/orders/",
            "/dashboard/orders/",
            "/dashboard/bookings/",
            "/dashboard/catalogue/",
        ]
        for page in pages:
            client = clients["partner_a" if page.startswith("/dashboard/") else "customer"]
            for key in QUERY_KEYS:
                for value in QUERY_PAYLOADS:
                    self.send(client, "get", f"{page}?{urlencode({key: value})}")
        print(
            f"\nfuzz (URL parameters): {len(routes)} URL patterns, {self.sent} requests, "
            f"{len(self.failures)} responses >= 500"
        )
        assert not self.failures, "\n".join(self.failures[:50])

    def test_forms(self):
        pages = {
            "anonymous": [
                "/partners/apply/",
                "/accounts/login/",
                "/password-reset/",
                self.event.url,
                self.goods_a.get_absolute_url(),
                self.service_a.product.get_absolute_url(),
            ],
            "customer": [
                "/mc/apply/",
                "/accounts/profile/edit/",
                "/accounts/addresses/add/",
                "/accounts/change-password/",
                self.service_a.product.get_absolute_url(),
                f"{self.goods_a.get_absolute_url()}reviews/add/",
                "/basket/",
                "/accounts/bookings/",
            ],
            "partner_a": [
                "/dashboard/bookings/",
                "/dashboard/membership/",
                "/dashboard/shipping-policy/",
                f"/dashboard/services/{self.service_a.product_id}/",
                f"/dashboard/orders/{self.order_a.number}/",
                f"/dashboard/catalogue/products/{self.goods_a.pk}/",
            ],
        }
        forms_seen = fields_seen = 0
        for role, urls in pages.items():
            client = self.client_as(role)
            if role == "customer":  # something in the basket, so its forms show
                client.post(f"/basket/add/{self.goods_a.pk}/", {"quantity": 1})
            for url in urls:
                page = self.send(client, "get", url)
                reader = FormReader()
                reader.feed(page.content.decode(errors="replace"))
                for form in reader.forms:
                    action = form["action"] or url
                    if not action.startswith("/"):
                        continue
                    fields = {k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken"}
                    forms_seen += 1
                    fields_seen += len(fields)
                    for name in fields:
                        for payload in FORM_PAYLOADS:
                            self.send(client, "post", action, {**fields, name: payload})
        print(
            f"\nfuzz (forms): {forms_seen} forms, {fields_seen} fields, {self.sent} requests, "
            f"{len(self.failures)} responses >= 500"
        )
        assert forms_seen >= 15, forms_seen
        assert not self.failures, "\n".join(self.failures[:50])
