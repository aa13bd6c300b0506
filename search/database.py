"""The database fallback: search without the engine (`make run`, or the node down).

Each word a reader types is stripped of its particle (빵을 → 빵), widened by the editors'
synonyms (빵 → 베이커리, bread) and matched in each kind's own fields (title, text, category
path, enterprise...). Hits are ranked by where the words matched — the title first — and, on
PostgreSQL, by trigram similarity of the title (pg_trgm), never by date. Typos fall back to
trigram word similarity on PostgreSQL; initials (ㄷㅂ) are matched against titles.

The number of SQL queries depends on the number of words and kinds, never on the number of hits.
"""

from __future__ import annotations

import difflib
from collections import defaultdict

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import escape, format_html

from search import hangul
from search.models import SearchSynonym
from search.query import FACETS, Facet, FacetOption, Hit, SearchRequest, SearchResults, label_for
from search.registry import registry

# Surface forms of the light verbs and fillers around what a reader wants ("사고 싶어요").
STOPWORDS = {
    "사고",
    "싶어요",
    "싶어",
    "싶은데",
    "싶은",
    "있나요",
    "있어요",
    "주는",
    "주세요",
    "곳",
    "안",
    "와요",
    "좀",
    "추천",
    "필요해요",
    "찾아요",
    "사려면",
    "함께할",
    "맡길",
    "맡기고",
    "드릴",
    "하는",
    "할",
    "수",
    "있는",
    "같은",
    "어디",
    "뭐",
}
MAX_CANDIDATES = 5000  # per kind, for the initials scan
TITLE, ELSEWHERE, PHRASE = 3.0, 1.0, 4.0


def query_words(q: str) -> list[str]:
    words = [hangul.strip_particle(w) for w in q.lower().split()]
    return [w for w in words if w and w not in STOPWORDS] or [w for w in q.lower().split()]


def synonym_groups() -> list[list[str]]:
    return [[w.lower() for w in s.words] for s in SearchSynonym.objects.all()]


def variants(word: str, groups: list[list[str]]) -> list[str]:
    found = [word]
    for group in groups:
        if word in group:
            found += [w for w in group if w not in found]
    return found


def needed(count: int) -> int:
    """As on the engine: one or two words all; three or four one fewer; more 70 %."""
    if count <= 2:
        return count
    if count <= 4:
        return count - 1
    return max(1, int(count * 0.7 + 0.999))


def _trigram_available() -> bool:
    return connection.vendor == "postgresql"


def _titles(builder, pks) -> dict:
    return dict(builder.model.objects.filter(pk__in=pks).values_list("pk", "title"))


def _similar_titles(builder, q: str, limit: int = 20) -> dict:
    """PostgreSQL pg_trgm: titles with a word like q (협동조햡 ~ 협동조합)."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    rows = (
        builder.get_queryset()
        .annotate(similarity=TrigramWordSimilarity(q, "title"))
        .filter(similarity__gte=0.35)
        .order_by("-similarity")
        .values_list("pk", "similarity")[:limit]
    )
    return dict(rows)


def _initials_matches(builder, q: str) -> dict:
    typed = "".join(q.split())
    scores = {}
    for pk, title in builder.get_queryset().values_list("pk", "title")[:MAX_CANDIDATES]:
        words = [hangul.initials(w) for w in hangul.words(title)]
        if typed in words:
            scores[pk] = TITLE
        elif typed in "".join(words):
            scores[pk] = ELSEWHERE
    return scores


def _scores(builder, q: str, words: list[str], groups) -> dict:
    """{pk: score} of this kind's findable objects that match enough of the words."""
    findable = builder.get_queryset().values("pk")
    if hangul.is_initials_query(q):
        return _initials_matches(builder, q)
    matched: dict = defaultdict(int)
    score: dict = defaultdict(float)
    for word in words:
        options = variants(word, groups)
        pks = set(
            builder.model.objects.filter(builder.db_filter_any(options), pk__in=findable)
            .values_list("pk", flat=True)
            .distinct()
        )
        in_title = Q()
        for option in options:
            in_title |= Q(title__icontains=option)
        titled = set(
            builder.model.objects.filter(in_title, pk__in=pks).values_list("pk", flat=True)
        )
        for pk in pks:
            matched[pk] += 1
            score[pk] += TITLE if pk in titled else ELSEWHERE
    enough = needed(len(words))
    hits = {pk: score[pk] + matched[pk] for pk in matched if matched[pk] >= enough}
    if not hits:
        return {}
    phrase = set(
        builder.model.objects.filter(pk__in=list(hits), title__icontains=q).values_list(
            "pk", flat=True
        )
    )
    for pk in phrase:
        hits[pk] += PHRASE
    if _trigram_available():
        from django.contrib.postgres.search import TrigramSimilarity

        for pk, similarity in (
            builder.model.objects.filter(pk__in=list(hits))
            .annotate(similarity=TrigramSimilarity("title", q))
            .values_list("pk", "similarity")
        ):
            hits[pk] += 2 * (similarity or 0)
    return hits


def search(request: SearchRequest, notice: str = "") -> SearchResults:
    words = query_words(request.q) if request.q else []
    groups = synonym_groups() if words else []
    wanted_kinds = set(request.filters.get("kind", []))
    counts: dict[str, int] = {}
    ranked: list[tuple[float, object, object]] = []  # (score, builder, pk)
    typo_pass = False
    for attempt in ("words", "typos"):
        for builder in registry:
            if request.category_path and not hasattr(builder.model, "categories"):
                continue
            queryset = builder.get_queryset()
            if request.category_path:
                queryset = queryset.filter(categories__path__startswith=request.category_path)
            if not words:
                pks = list(queryset.values_list("pk", flat=True).distinct())
                scores = {pk: 0.0 for pk in pks}
            elif attempt == "words":
                scores = _scores(builder, request.q, words, groups)
            else:
                scores = _similar_titles(builder, request.q)
            if request.category_path and words:
                allowed = set(queryset.values_list("pk", flat=True))
                scores = {pk: v for pk, v in scores.items() if pk in allowed}
            counts[builder.kind] = len(scores)
            if wanted_kinds and builder.kind not in wanted_kinds:
                continue
            ranked += [(score, builder, pk) for pk, score in scores.items()]
        if ranked or not words or not _trigram_available() or hangul.is_initials_query(request.q):
            break
        typo_pass = True
    if not words:
        # Browsing without words: the newest first is what a reader expects here.
        ranked = _newest_first(ranked)
    else:
        ranked.sort(key=lambda r: (-r[0], r[1].kind, -int(r[2])))
    total = len(ranked)
    end = request.page * request.per_page
    page = ranked[end - request.per_page : end]
    hits = _hits(page)
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
    results = SearchResults(
        request=request, hits=hits, total=total, facets=facets, backend="database", notice=notice
    )
    if typo_pass and hits:
        results.did_you_mean = _nearest_word(request.q, [h.title for h in hits])
    return results


def _newest_first(ranked):
    dated = []
    by_kind = defaultdict(list)
    for _score, builder, pk in ranked:
        by_kind[builder].append(pk)
    for builder, pks in by_kind.items():
        field = (
            "first_published_at" if hasattr(builder.model, "first_published_at") else "date_created"
        )
        for pk, when in builder.model.objects.filter(pk__in=pks).values_list("pk", field):
            dated.append((when.timestamp() if when else 0, builder, pk))
    dated.sort(key=lambda r: (-r[0], -int(r[2])))
    return dated


def _hits(page) -> list[Hit]:
    """Documents for one page of hits: one batch per kind, whatever the number of hits."""
    documents = {}
    by_kind = defaultdict(list)
    for _score, builder, pk in page:
        by_kind[builder].append(pk)
    for builder, pks in by_kind.items():
        objs = list(builder.get_queryset().filter(pk__in=pks))
        for doc_id, doc in builder.documents(objs):
            documents[doc_id] = doc
    hits = []
    for _score, builder, pk in page:
        doc = documents.get(builder.doc_id(pk))
        if doc is None:
            continue
        hits.append(
            Hit(
                kind=builder.kind,
                kind_label=str(builder.label),
                title=escape(doc["title"]),
                url=doc["url"],
                snippet=with_date(escape((doc.get("body") or "")[:120]), doc.get("starts_at")),
                starts_at=doc.get("starts_at"),
                price=doc.get("price"),
                currency=doc.get("currency"),
                in_stock=doc.get("in_stock"),
                rating=doc.get("rating"),
                review_count=doc.get("review_count") or 0,
                image_url=doc.get("image_url"),
                enterprise=doc.get("enterprise"),
                object_id=doc["object_id"],
            )
        )
    return hits


def with_date(snippet: str, starts_at) -> str:
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


def _nearest_word(q: str, titles: list[str]) -> str:
    """The title word that looks most like what was typed (for "혹시 ○○을 찾으셨나요?")."""
    candidates = [w for t in titles for w in hangul.word_forms(t)]
    corrected = []
    for word in q.split():
        close = difflib.get_close_matches(
            hangul.jamo(word), [hangul.jamo(c) for c in candidates], n=1, cutoff=0.6
        )
        corrected.append(hangul.compose(close[0]) if close else word)
    return " ".join(corrected)


def suggestions(q: str, *, limit: int = 8) -> list[dict]:
    """Titles with what is typed inside them (or its initials), in one batch per kind."""
    found = []
    for builder in registry:
        if hangul.is_initials_query(q):
            scores = _initials_matches(builder, q)
            pks = sorted(scores, key=lambda pk: -scores[pk])[:limit]
        else:
            pks = list(
                builder.get_queryset()
                .filter(title__icontains=q)
                .values_list("pk", flat=True)[:limit]
            )
        if not pks:
            continue
        objs = list(builder.get_queryset().filter(pk__in=pks))
        for _doc_id, doc in builder.documents(objs):
            found.append(
                {
                    "title": doc["title"],
                    "url": doc["url"],
                    "kind": builder.kind,
                    "kind_label": str(builder.label),
                }
            )
    found.sort(key=lambda s: (not s["title"].startswith(q), len(s["title"]), s["title"]))
    return found[:limit]
