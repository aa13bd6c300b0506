"""Reads: the search itself, by the engine or, without it, by the database."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format, time_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from elasticsearch_dsl import FacetedSearch, RangeFacet, Search, TermsFacet
from elasticsearch_dsl import Q as EQ
from elasticsearch_dsl.faceted_search import FacetedResponse
from oscar.core.loading import get_model

from search import engine
from search.models import SearchQuery
from search.query import (
    FACETS,
    PRICE_RANGES,
    SORTS,
    Facet,
    FacetOption,
    Hit,
    SearchRequest,
    SearchResults,
    label_for,
)
from search.registry import registry

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")


class ContentSearch(FacetedSearch):
    fields = ["title^4", "tags^2", "body"]
    facets = {
        "kind": TermsFacet(field="kind", size=20),
        "service_group": TermsFacet(field="service_group", size=20),
        "region": TermsFacet(field="region", size=30),
        "enterprise_type": TermsFacet(field="enterprise_type", size=20),
        "price": RangeFacet(field="price", ranges=[(k, r) for k, (_l, r) in PRICE_RANGES.items()]),
        "in_stock": TermsFacet(field="in_stock"),
    }

    def __init__(self, request: SearchRequest):
        self.request = request
        filters = {
            name: values[0] if name == "in_stock" else values
            for name, values in request.filters.items()
        }
        super().__init__(request.q, filters, SORTS[request.sort][1])

    def search(self):
        s = Search(index=engine.alias_name()).response_class(FacetedResponse)
        # An event that has ended stays out even before its document is removed.
        s = s.filter(
            ~EQ("bool", filter=[EQ("term", kind="event"), EQ("range", ends_at={"lt": "now"})])
        )
        if self.request.category_path:
            s = s.filter("term", category_paths=self.request.category_path)
        return s

    def query(self, search, query):
        if not query:
            return search
        return search.query(
            EQ(
                "bool",
                should=[
                    EQ(
                        "multi_match",
                        query=query,
                        fields=self.fields,
                        # One analyzer for all fields: words may match in different
                        # fields (친환경 in the title, 과일 in the category).
                        type="cross_fields",
                        minimum_should_match="2<75%",
                    ),
                    EQ("match_phrase", title={"query": query, "boost": 3}),
                ],
                minimum_should_match=1,
            )
        )

    def highlight(self, search):
        return (
            search.highlight_options(encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"])
            .highlight("title", number_of_fragments=0)
            .highlight("body", fragment_size=120, number_of_fragments=1, no_match_size=120)
        )

    def sort(self, search):
        sort = list(self._sort)
        if not self._query and sort and sort[0] == "_score":
            sort = ["-published_at"]
        return search.sort(*sort)


def _joined(fragment: str) -> str:
    # nori splits 우리밀 into 우리 + 밀: show one mark, not two touching ones.
    return fragment.replace("</mark><mark>", "")


def _as_datetime(value):
    return parse_datetime(value) if isinstance(value, str) else value


def _with_date(snippet: str, starts_at) -> str:
    """An event's hit starts with the day and time it starts (Seoul time)."""
    if starts_at is None:
        return snippet
    local = timezone.localtime(starts_at)
    when = f"{date_format(local, 'DATE_FORMAT')} {time_format(local, 'TIME_FORMAT')}"
    return format_html(
        '<time class="search-hit__when" datetime="{}">{}</time> · {}',
        local.isoformat(),
        when,
        snippet,
    )


def _engine_search(request: SearchRequest) -> SearchResults:
    faceted = ContentSearch(request)
    start = (request.page - 1) * request.per_page
    faceted = faceted[start : start + request.per_page]
    body = faceted._s.to_dict()
    raw = engine.search_raw(body)
    response = FacetedResponse(faceted._s, raw)
    response._faceted_search = faceted
    hits = []
    for hit in response.hits:
        highlight = getattr(hit.meta, "highlight", None)
        title = (
            mark_safe(_joined(highlight.title[0]))
            if highlight is not None and "title" in highlight
            else escape(hit.title)
        )
        snippet = (
            mark_safe(_joined(highlight.body[0]))
            if highlight is not None and "body" in highlight
            else escape((getattr(hit, "body", "") or "")[:120])
        )
        starts_at = _as_datetime(getattr(hit, "starts_at", None))
        hits.append(
            Hit(
                kind=hit.kind,
                kind_label=label_for("kind", hit.kind),
                title=title,
                url=hit.url,
                snippet=_with_date(snippet, starts_at),
                price=getattr(hit, "price", None),
                currency=getattr(hit, "currency", None),
                in_stock=getattr(hit, "in_stock", None),
                image_url=getattr(hit, "image_url", None),
                enterprise=getattr(hit, "enterprise", None),
                object_id=hit.object_id,
                starts_at=starts_at,
            )
        )
    facets = []
    for name, label in FACETS.items():
        options = []
        for value, count, selected in response.facets[name]:
            value = (
                {True: "true", False: "false"}.get(value, value) if name == "in_stock" else value
            )
            value = str(value)
            if name == "in_stock" and value in ("1", "0"):
                value = "true" if value == "1" else "false"
            if count or selected:
                options.append(
                    FacetOption(
                        value=value,
                        label=label_for(name, value),
                        count=count,
                        selected=selected,
                        url=request.toggled(name, value),
                    )
                )
        if name == "in_stock":
            options = [o for o in options if o.value == "true"]
        if options:
            facets.append(Facet(name=name, label=str(label), options=options))
    total = response.hits.total.value if hasattr(response.hits.total, "value") else 0
    return SearchResults(request=request, hits=hits, total=total, facets=facets, backend="engine")


def _database_search(request: SearchRequest, notice: str = "") -> SearchResults:
    """The fallback: words matched in the database, kinds as the only facet, newest first."""
    words = request.q.split()
    wanted_kinds = set(request.filters.get("kind", []))
    counts: dict[str, int] = {}
    matches = []
    for builder in registry:
        queryset = builder.get_queryset()
        if words:
            matching_pks = builder.model.objects.filter(builder.db_filter(words)).values("pk")
            queryset = queryset.filter(pk__in=matching_pks)
        if request.category_path:
            if not hasattr(builder.model, "categories"):
                continue
            queryset = queryset.filter(categories__path__startswith=request.category_path)
        counts[builder.kind] = queryset.count()
        if wanted_kinds and builder.kind not in wanted_kinds:
            continue
        matches.append((builder, queryset))
    total = sum(counts[b.kind] for b, _q in matches)
    # Newest first across kinds: fetch enough of each kind to fill the requested page.
    end = request.page * request.per_page
    candidates = []
    for builder, queryset in matches:
        if not counts[builder.kind]:
            continue  # nothing of this kind matched: no need to fetch
        date_field = (
            "first_published_at"
            if hasattr(builder.model, "first_published_at")
            else ("date_created")
        )
        for obj in queryset.order_by(f"-{date_field}", "-pk")[:end]:
            candidates.append((getattr(obj, date_field), builder, obj))
    candidates.sort(key=lambda c: c[0].timestamp() if c[0] else 0, reverse=True)
    page = candidates[end - request.per_page : end]
    documents = {}
    for builder in {b.kind: b for _d, b, _o in page}.values():
        objs = [obj for _d, b, obj in page if b is builder]
        for doc_id, doc in builder.documents(objs):
            documents[doc_id] = doc
    hits = []
    for _date, builder, obj in page:
        doc = documents[builder.doc_id(obj.pk)]
        hits.append(
            Hit(
                kind=builder.kind,
                kind_label=str(builder.label),
                title=escape(doc["title"]),
                url=doc["url"],
                snippet=_with_date(escape((doc.get("body") or "")[:120]), doc.get("starts_at")),
                starts_at=doc.get("starts_at"),
                price=doc.get("price"),
                currency=doc.get("currency"),
                in_stock=doc.get("in_stock"),
                image_url=doc.get("image_url"),
                enterprise=doc.get("enterprise"),
                object_id=doc["object_id"],
            )
        )
    kind_options = [
        FacetOption(
            value=kind,
            label=label_for("kind", kind),
            count=count,
            selected=kind in wanted_kinds,
            url=request.toggled("kind", kind),
        )
        for kind, count in counts.items()
        if count or kind in wanted_kinds
    ]
    facets = [Facet(name="kind", label=str(FACETS["kind"]), options=kind_options)]
    return SearchResults(
        request=request, hits=hits, total=total, facets=facets, backend="database", notice=notice
    )


ENGINE_DOWN = _(
    "Search is running in a simpler mode for a moment: results are matched word by word "
    "and some filters are not available."
)


def search_run(request: SearchRequest) -> SearchResults:
    if engine.is_configured():
        try:
            return _engine_search(request)
        except engine.SearchUnavailable as exc:
            logger.warning("search: engine unavailable, using the database: %s", exc)
            return _database_search(request, notice=str(ENGINE_DOWN))
    return _database_search(request)


def suggestions(q: str, *, limit: int = 8) -> list[dict]:
    """Titles that start like what the reader is typing, with where they lead."""
    q = " ".join(q.split())[:100]
    if not q:
        return []
    if engine.is_configured():
        try:
            s = (
                Search()
                .query("match", **{"title.prefix": {"query": q, "operator": "and"}})
                .source(["title", "url", "kind"])[:limit]
            )
            raw = engine.search_raw(s.to_dict())
            return [
                {
                    "title": hit["_source"]["title"],
                    "url": hit["_source"]["url"],
                    "kind": hit["_source"]["kind"],
                    "kind_label": label_for("kind", hit["_source"]["kind"]),
                }
                for hit in raw["hits"]["hits"]
            ]
        except engine.SearchUnavailable as exc:
            logger.warning("search: suggestions from the database: %s", exc)
    found = []
    for builder in registry:
        title_field = "title"
        for obj in builder.get_queryset().filter(Q(**{f"{title_field}__icontains": q}))[:limit]:
            doc = builder.document(obj)
            found.append(
                {
                    "title": doc["title"],
                    "url": doc["url"],
                    "kind": builder.kind,
                    "kind_label": str(builder.label),
                }
            )
    found.sort(key=lambda s: (not s["title"].startswith(q), s["title"]))
    return found[:limit]


class IndexedProducts:
    """A list of browsable products whose order and count come from the index.

    It behaves like a queryset for Django's paginator: ``count()`` asks the engine for the
    total, slicing asks for one page of ids and loads those products in one batch.
    """

    def __init__(self, *, category_path: str | None, database):
        self.category_path = category_path
        self.database = database
        self._total: int | None = None

    @classmethod
    def or_database(cls, *, category_path: str | None, database):
        if not engine.is_configured():
            return database
        products = cls(category_path=category_path, database=database)
        try:
            products.count()
        except engine.SearchUnavailable as exc:
            logger.warning("search: catalogue from the database: %s", exc)
            return database
        return products

    def _search(self, start: int, size: int) -> dict:
        # The catalogue lists every browsable product: goods and bookable services.
        s = Search().filter("terms", kind=["product", "service"])
        if self.category_path:
            s = s.filter("term", category_paths=self.category_path)
        s = s.sort("-published_at", {"object_id": {"order": "desc"}}).source(["object_id"])
        return engine.search_raw(s[start : start + size].to_dict())

    def count(self) -> int:
        if self._total is None:
            self._total = self._search(0, 0)["hits"]["total"]["value"]
        return self._total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, k):
        if not isinstance(k, slice):
            return self[k : k + 1][0]
        start, stop = k.start or 0, k.stop if k.stop is not None else self.count()
        raw = self._search(start, max(0, stop - start))
        ids = [int(hit["_source"]["object_id"]) for hit in raw["hits"]["hits"]]
        by_id = {
            p.pk: p
            for p in Product.objects.select_related(
                "product_class", "parent__product_class"
            ).filter(pk__in=ids)
        }
        return [by_id[pk] for pk in ids if pk in by_id]


def popular_queries(*, limit: int = 8, days: int = 30) -> list[str]:
    """What readers searched for most lately and found something for."""
    since = timezone.now() - timedelta(days=days)
    return list(
        SearchQuery.objects.filter(created_at__gte=since, result_count__gt=0)
        .values("query")
        .annotate(times=Count("id"))
        .order_by("-times", "query")
        .values_list("query", flat=True)[:limit]
    )
