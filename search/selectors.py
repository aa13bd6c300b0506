"""Reads: the search itself, by the engine or, without it, by the database."""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from elasticsearch_dsl import FacetedSearch, RangeFacet, Search, TermsFacet
from elasticsearch_dsl import Q as EQ
from elasticsearch_dsl.faceted_search import FacetedResponse
from oscar.core.loading import get_model

from search import database, engine, hangul
from search.models import SearchQuery, SearchSynonym
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

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")


# Where the words of a query may be, and how much each place counts: the thing's own name
# first, then what it is (category path, service group, enterprise type), then where and what
# about, then its text; the enterprise that sells a product counts least.
TEXT_FIELDS = ["title^4", "category^2.5", "tags^1.5", "body", "partner^0.7"]
# One or two words: all of them; three or four: one may be missing; more: 70 % of them.
# Queries with every word still rank first (the `and` clause below scores twice).
MINIMUM_SHOULD_MATCH = "2<-1 4<70%"


def text_query(q: str) -> EQ:
    """The query for what a reader typed, before any typo correction."""
    if hangul.is_initials_query(q):
        # ㄷㅂ: the initials of a whole word (돌봄) count more than initials inside one (새싹돌봄).
        initials = " ".join(q.split())
        return EQ(
            "bool",
            should=[
                EQ("match", initials={"query": initials, "operator": "and", "boost": 3}),
                EQ("match", **{"initials.grams": {"query": initials, "operator": "and"}}),
            ],
            minimum_should_match=1,
        )
    return EQ(
        "bool",
        should=[
            EQ(
                "multi_match",
                query=q,
                fields=TEXT_FIELDS,
                type="cross_fields",
                operator="and",
                boost=2,
            ),
            EQ(
                "multi_match",
                query=q,
                fields=TEXT_FIELDS,
                type="cross_fields",
                minimum_should_match=MINIMUM_SHOULD_MATCH,
            ),
            EQ("match_phrase", title={"query": q, "boost": 3}),
        ],
        minimum_should_match=1,
    )


def _query_letters(q: str) -> str:
    return " ".join(hangul.jamo(hangul.strip_particle(w)) for w in hangul.words(q))


def fuzzy_query(q: str) -> EQ:
    """The retry when nothing matched: every word within a letter or two of a word we have."""
    return EQ(
        "match",
        letters={
            "query": _query_letters(q),
            "operator": "and",
            # Letters, not syllables: 돌봉 is one letter from 돌봄 (six letters: one edit).
            "fuzziness": "AUTO:5,10",
            "prefix_length": 1,
            "max_expansions": 20,
        },
    )


def did_you_mean_suggester(q: str) -> dict:
    return {
        "did_you_mean": {
            "text": _query_letters(q),
            "term": {
                "field": "letters",
                "suggest_mode": "always",
                "sort": "score",
                "prefix_length": 1,
                "min_word_length": 4,
                "max_edits": 2,
                "size": 1,
            },
        }
    }


def did_you_mean_from(raw: dict, q: str) -> str:
    """The reader's words with each misspelt one replaced by the nearest indexed word."""
    entries = raw.get("suggest", {}).get("did_you_mean", [])
    corrected, changed = [], False
    for word, entry in zip(hangul.words(q), entries, strict=False):
        options = entry.get("options") or []
        nearest = hangul.compose(options[0]["text"]) if options else ""
        typed = hangul.compose(entry["text"])
        # A typo keeps the word's syllables (돌봉 → 돌봄); 운동화 is not a misspelt 운동.
        if nearest and nearest != typed and len(nearest) == len(typed):
            corrected.append(nearest)
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""


FACET_GROUP = "_facets_"


class ContentSearch(FacetedSearch):
    fields = TEXT_FIELDS
    facets = {
        "kind": TermsFacet(field="kind", size=20),
        "service_group": TermsFacet(field="service_group", size=20),
        "region": TermsFacet(field="region", size=30),
        "enterprise_type": TermsFacet(field="enterprise_type", size=20),
        "price": RangeFacet(field="price", ranges=[(k, r) for k, (_l, r) in PRICE_RANGES.items()]),
        "in_stock": TermsFacet(field="in_stock"),
    }

    def __init__(self, request: SearchRequest, q: str, *, fuzzy: bool = False):
        self.request = request
        self.fuzzy = fuzzy
        filters = {
            name: values[0] if name == "in_stock" else values
            for name, values in request.filters.items()
        }
        super().__init__(q, filters, SORTS[request.sort][1])

    def search(self):
        s = Search(index=engine.alias_name()).response_class(FacetedResponse)
        # An event that has ended stays out even before its document is removed.
        s = s.filter(
            ~EQ("bool", filter=[EQ("term", kind="event"), EQ("range", ends_at={"lt": "now"})])
        )
        if self.request.category_path:
            s = s.filter("term", category_paths=self.request.category_path)
        if self.fuzzy:
            s = s.extra(suggest=did_you_mean_suggester(self._query))
        return s

    def aggregate(self, search):
        """Each facet counts under the filters of the other facets, as Oscar's and every shop's
        facets do; facets under the same filters share one filter aggregation. With a kind and
        stock chosen, four of the six facets are counted under one filter instead of four,
        so the filter is not run over every matching document four times."""
        groups: dict[str, list] = {}
        for name, facet in self.facets.items():
            others = [q for field, q in sorted(self._filters.items()) if field != name]
            key = repr([q.to_dict() for q in others])
            groups.setdefault(key, [others, []])[1].append((name, facet))
        for number, (others, facets) in enumerate(groups.values()):
            agg_filter = EQ("match_all")
            for q in others:
                agg_filter &= q
            bucket = search.aggs.bucket(f"{FACET_GROUP}{number}", "filter", filter=agg_filter)
            for name, facet in facets:
                bucket.bucket(name, facet.get_aggregation())

    def query(self, search, query):
        if not query:
            return search
        return search.query(fuzzy_query(query) if self.fuzzy else text_query(query))

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


def _engine_search(request: SearchRequest) -> SearchResults:
    q = hangul.without_predicates(request.q) if request.q else request.q
    faceted, raw = _engine_page(request, q, fuzzy=False)
    did_you_mean = ""
    if q and not raw["hits"]["total"]["value"] and not hangul.is_initials_query(q):
        # Nothing: try again a letter or two away, and say which words were meant.
        faceted, raw = _engine_page(request, q, fuzzy=True)
        did_you_mean = did_you_mean_from(raw, q)
        if did_you_mean and did_you_mean != q:
            # What the corrected words find, ranked as if typed so (협동조햡 → 협동조합).
            corrected = _engine_page(request, did_you_mean, fuzzy=False)
            if corrected[1]["hits"]["total"]["value"]:
                faceted, raw = corrected
    results = _engine_results(request, faceted, raw)
    results.did_you_mean = did_you_mean if did_you_mean != request.q else ""
    return results


def _engine_page(request: SearchRequest, q: str, *, fuzzy: bool):
    faceted = ContentSearch(request, q, fuzzy=fuzzy)
    start = (request.page - 1) * request.per_page
    faceted = faceted[start : start + request.per_page]
    return faceted, _facets_ungrouped(engine.search_raw(faceted._s.to_dict()))


def _facets_ungrouped(raw: dict) -> dict:
    """Each facet's counts where FacetedResponse reads them (``_filter_<name>``)."""
    aggregations = raw.get("aggregations") or {}
    for key in [k for k in aggregations if k.startswith(FACET_GROUP)]:
        group = aggregations.pop(key)
        for name, counts in group.items():
            if isinstance(counts, dict):
                aggregations[f"_filter_{name}"] = {name: counts}
    return raw


def _engine_results(request: SearchRequest, faceted, raw) -> SearchResults:
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
                snippet=database.with_date(snippet, starts_at),
                price=getattr(hit, "price", None),
                currency=getattr(hit, "currency", None),
                in_stock=getattr(hit, "in_stock", None),
                rating=getattr(hit, "rating", None),
                review_count=getattr(hit, "review_count", None) or 0,
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
            return database.search(request, notice=str(ENGINE_DOWN))
    return database.search(request)


_POPULAR_CACHE: dict[str, tuple[float, list[tuple[str, int]]]] = {}


def _popular_with_counts(*, days: int = 30, limit: int = 500) -> list[tuple[str, int]]:
    """What readers searched for lately and found something for, most often first (cached)."""
    key = f"{days}:{limit}"
    now = time.monotonic()
    cached = _POPULAR_CACHE.get(key)
    if cached and cached[0] > now:
        return cached[1]
    since = timezone.now() - timedelta(days=days)
    rows = list(
        SearchQuery.objects.filter(created_at__gte=since, result_count__gt=0)
        .values("query")
        .annotate(times=Count("id"))
        .order_by("-times", "query")
        .values_list("query", "times")[:limit]
    )
    _POPULAR_CACHE[key] = (now + 60, rows)
    return rows


def _matches_typed(text: str, q: str) -> bool:
    if hangul.is_initials_query(q):
        return "".join(q.split()) in hangul.initials(text.replace(" ", ""))
    return q.lower() in text.lower()


def popular_suggestions(q: str, *, limit: int = 3) -> list[dict]:
    """Past searches that contain what is typed (or its initials), the most frequent first."""
    found = [query for query, _times in _popular_with_counts() if _matches_typed(query, q)]
    return [
        {
            "title": query,
            "url": reverse("search:search") + "?" + urlencode({"q": query}),
            "kind": "query",
            "kind_label": str(_("Search")),
        }
        for query in found[:limit]
    ]


def suggestion_query(q: str) -> EQ:
    if hangul.is_initials_query(q):
        return text_query(q)
    return EQ(
        "bool",
        should=[
            # Titles whose words start like this first, then titles with it inside a word.
            EQ("match", **{"title.prefix": {"query": q, "operator": "and", "boost": 3}}),
            EQ("match", **{"title.infix": {"query": q, "operator": "and"}}),
        ],
        minimum_should_match=1,
    )


def suggestions(q: str, *, limit: int = 8) -> list[dict]:
    """Past searches, then titles, that contain what the reader is typing, inside words too."""
    q = " ".join(q.split())[:100]
    if not q:
        return []
    popular = popular_suggestions(q)
    room = limit - len(popular)
    if engine.is_configured():
        try:
            s = Search().query(suggestion_query(q)).source(["title", "url", "kind"])[:room]
            s = s.filter(
                ~EQ("bool", filter=[EQ("term", kind="event"), EQ("range", ends_at={"lt": "now"})])
            )
            raw = engine.search_raw(s.to_dict())
            return popular + [
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
    return popular + database.suggestions(q, limit=room)


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


def synonym_rules() -> list[str]:
    """The synonym groups editors keep, as search-time rules ("어르신, 노인, 시니어")."""
    rules = []
    for synonym in SearchSynonym.objects.all():
        words = [w.replace(",", " ") for w in synonym.words]
        if len(words) >= 2:
            rules.append(", ".join(words))
    return rules


def popular_queries(*, limit: int = 8, days: int = 30) -> list[str]:
    """What readers searched for most lately and found something for."""
    return [query for query, _times in _popular_with_counts(days=days)[:limit]]
