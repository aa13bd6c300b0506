"""What a reader asks the search for (from the URL) and what comes back, backend-neutral."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from cms_pages.models.taxonomy import Region
from search.kinds import ENTERPRISE_TYPES
from search.registry import registry

PER_PAGE = 20
MAX_PAGE = 200  # the engine pages up to 10,000 results deep

SERVICE_GROUPS = {
    "care": _("Care"),
    "living": _("Living"),
    "education": _("Education"),
    "business": _("Business support"),
}
PRICE_RANGES = {
    "0-10000": (_("Under ₩10,000"), (None, 10000)),
    "10000-30000": (_("₩10,000 – ₩30,000"), (10000, 30000)),
    "30000-50000": (_("₩30,000 – ₩50,000"), (30000, 50000)),
    "50000-": (_("₩50,000 and over"), (50000, None)),
}
SORTS = {
    "relevance": (_("Relevance"), ["_score", "-published_at"]),
    "newest": (_("Newest first"), ["-published_at"]),
    "price_asc": (_("Price: low to high"), [{"price": {"order": "asc", "missing": "_last"}}]),
    "price_desc": (_("Price: high to low"), [{"price": {"order": "desc", "missing": "_last"}}]),
}
FACETS = {
    "kind": _("Kind"),
    "service_group": _("Service group"),
    "region": _("Region"),
    "enterprise_type": _("Enterprise type"),
    "price": _("Price"),
    "in_stock": _("Stock status"),
}


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    category_path: str | None = None  # catalogue browsing: this category and below

    @classmethod
    def from_querydict(cls, params) -> SearchRequest:
        filters = {
            name: [v for v in params.getlist(name) if v] for name in FACETS if params.getlist(name)
        }
        # Hand-edited URLs must not break the page: drop values no facet can have.
        allowed = {"price": set(PRICE_RANGES), "in_stock": {"true", "false"}}
        filters = {
            name: [v[:100] for v in values if name not in allowed or v in allowed[name]]
            for name, values in filters.items()
        }
        filters = {name: values for name, values in filters.items() if values}
        try:
            page = min(MAX_PAGE, max(1, int(params.get("page", 1))))
        except ValueError:
            page = 1
        sort = params.get("sort", "relevance")
        return cls(
            q=" ".join(params.get("q", "").split())[:200],
            filters=filters,
            sort=sort if sort in SORTS else "relevance",
            page=page,
        )

    def params(self, **changes) -> dict:
        data = {"q": self.q, "sort": self.sort, **{k: list(v) for k, v in self.filters.items()}}
        data.update(changes)
        return {k: v for k, v in data.items() if v and v != "relevance"}

    def url(self, **changes) -> str:
        return "?" + urlencode(self.params(**changes), doseq=True)

    def toggled(self, name: str, value: str) -> str:
        values = list(self.filters.get(name, []))
        values = [v for v in values if v != value] if value in values else values + [value]
        return self.url(**{name: values, "page": None})


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: str
    price: float | None = None
    currency: str | None = None
    in_stock: bool | None = None
    image_url: str | None = None
    enterprise: str | None = None
    object_id: str | None = None
    starts_at: datetime.datetime | None = None  # events
    rating: float | None = None  # goods and services with approved reviews
    review_count: int = 0


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption]


@dataclass
class SearchResults:
    request: SearchRequest
    hits: list[Hit]
    total: int
    facets: list[Facet]
    backend: str  # "engine" or "database"
    notice: str = ""
    # The words the reader probably meant, when their own found nothing ("협동조합").
    did_you_mean: str = ""

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.request.per_page))

    @property
    def has_next(self) -> bool:
        return self.request.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.request.page > 1

    def page_url(self, page: int) -> str:
        return self.request.url(page=page if page > 1 else None)


def label_for(name: str, value: str) -> str:
    if name == "kind":
        return str(registry.labels().get(value, value))
    if name == "enterprise_type":
        return str(ENTERPRISE_TYPES.get(value, (value,))[0])
    if name == "service_group":
        return str(SERVICE_GROUPS.get(value, value))
    if name == "price":
        return str(PRICE_RANGES.get(value, (value,))[0])
    if name == "region":
        return str(dict(Region.choices).get(value, value))
    if name == "in_stock":
        return str(_("In stock only")) if value in ("true", "1", True) else str(_("Out of stock"))
    return value
