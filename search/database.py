"""The database fallback: search without the engine (`make run`, or the node down).

Each word a reader types is stripped of its particle (빵을 → 빵), widened by the editors'
synonyms (빵 → 베이커리, bread) and matched in each kind's own fields (title, text, category
path, enterprise...). Hits are ranked by where the words matched — the title first — and, on
PostgreSQL, by trigram similarity of the title (pg_trgm), never by date. When nothing is found,
verbs that no document contains are dropped, then each misspelt word is replaced by the nearest
word of a title, letter by letter (돌봉 → 돌봄, "혹시 돌봄?"); initials (ㄷㅂ) are matched
against titles.

The number of SQL queries depends on the number of words and kinds, never on the number of hits.
"""

from __future__ import annotations

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
    # "goods", "product": every thing on the site is one
    "상품",
    "제품",
    "물건",
}
MAX_CANDIDATES = 5000  # per kind, for the initials scan
TITLE, ELSEWHERE, PHRASE = 3.0, 1.0, 4.0


def query_words(q: str, groups=()) -> list[str]:
    q = hangul.without_predicates(q)
    words = [hangul.strip_particle(w) for w in q.lower().split()]
    words = [w for w in words if w and w not in STOPWORDS] or [w for w in q.lower().split()]
    phrase = " ".join(words)
    if len(words) > 1 and any(phrase in group for group in groups):
        return [phrase]  # one synonym of several words: "eco bag" is 에코백
    return words


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
    groups = synonym_groups() if request.q else []
    words = query_words(request.q, groups) if request.q else []
    wanted_kinds = set(request.filters.get("kind", []))
    did_you_mean = ""
    counts, ranked = _find(request, request.q, words, groups, wanted_kinds)
    if words and not any(counts.values()) and not hangul.is_initials_query(request.q):
        # Nothing: first without the verbs no document has ("현미를 주문하고" is about 현미),
        # then with each misspelt word replaced by the nearest word of a title (돌봉 → 돌봄).
        live = _live_words(request.q, words, groups)
        if live != words:
            counts, ranked = _find(request, " ".join(live), live, groups, wanted_kinds)
        if not any(counts.values()):
            corrected = _corrected(live)
            if corrected != live:
                counts, ranked = _find(
                    request, " ".join(corrected), corrected, groups, wanted_kinds
                )
                if any(counts.values()):
                    did_you_mean = " ".join(corrected)
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
    results.did_you_mean = did_you_mean
    return results


def _find(request: SearchRequest, q: str, words: list[str], groups, wanted_kinds):
    """{kind: number of hits} and the (score, builder, pk) of the kinds the reader wants."""
    counts: dict[str, int] = {}
    ranked: list[tuple[float, object, object]] = []
    for builder in registry:
        if request.category_path and not hasattr(builder.model, "categories"):
            continue
        queryset = builder.get_queryset()
        if request.category_path:
            queryset = queryset.filter(categories__path__startswith=request.category_path)
        if not words:
            scores = {pk: 0.0 for pk in queryset.values_list("pk", flat=True).distinct()}
        else:
            scores = _scores(builder, q, words, groups)
        if request.category_path and words:
            allowed = set(queryset.values_list("pk", flat=True))
            scores = {pk: v for pk, v in scores.items() if pk in allowed}
        counts[builder.kind] = len(scores)
        if wanted_kinds and builder.kind not in wanted_kinds:
            continue
        ranked += [(score, builder, pk) for pk, score in scores.items()]
    return counts, ranked


# The last syllables of a word a reader types as a verb or adjective (주문하고, 배우는, 맡길).
_VERB_TAILS = set("고는던데면게서며해한된할될줄")


def _verb_like(surface: str) -> bool:
    last = surface[-1:]
    if len(surface) < 2 or not hangul.is_syllable(last):
        return False
    return last in _VERB_TAILS or hangul.jamo(last).endswith("ㄹ")


def _live_words(q: str, words: list[str], groups) -> list[str]:
    """The words without those typed as a verb that no findable thing contains at all.

    A noun that nothing contains stays: "전기차 충전기" must not become "전기차"-anything.
    """
    surfaces = {hangul.strip_particle(w): w for w in hangul.without_predicates(q).lower().split()}
    kept = []
    for word in words:
        if _verb_like(surfaces.get(word, word)) and not any(
            builder.get_queryset().filter(builder.db_filter_any(variants(word, groups))).exists()
            for builder in registry
        ):
            continue
        kept.append(word)
    return kept or words


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (letters)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _allowed_edits(letters: str) -> int:
    """As the engine's fuzziness AUTO:5,10 on letters: 돌봉 (six letters) may be one off."""
    return 0 if len(letters) < 5 else 1 if len(letters) < 10 else 2


MAX_TYPO_TITLES = 300  # per kind and word: titles sharing the word's first syllable


def _title_words(syllable: str) -> dict[str, int]:
    """The words (and compound tails) of titles with this syllable in them, and how often."""
    forms: dict[str, int] = defaultdict(int)
    for builder in registry:
        titles = (
            builder.get_queryset()
            .filter(title__icontains=syllable)
            .values_list("title", flat=True)[:MAX_TYPO_TITLES]
        )
        for title in titles:
            for form in hangul.words(title):
                forms[form] += 1
            for form in hangul.word_forms(title):
                forms[form] += 0
    return forms


def _split(word: str, forms) -> list[str]:
    """제철채소 → 제철 채소, when titles write the compound in words; [] if they do not."""
    for cut in range(len(word) - 1, 0, -1):
        head, tail = word[:cut], word[cut:]
        if forms.get(head):
            rest = [tail] if forms.get(tail) else _split(tail, forms)
            if rest:
                return [head, *rest]
    return []


def _corrected(words: list[str]) -> list[str]:
    """Each word as titles write it: a compound typed in one piece split into their words
    (방문돌봄 → 방문 돌봄), a typo replaced by the nearest word with as many syllables, a letter
    or two away (돌봉 → 돌봄). A word that titles already contain stays as typed."""
    corrected = []
    for word in words:
        if not hangul.is_syllable(word[0]):
            corrected.append(word)
            continue
        forms = _title_words(word[0])
        if word in forms:
            corrected.append(word)
            continue
        parts = _split(word, forms)
        if parts:
            corrected += parts
            continue
        letters = hangul.jamo(word)
        near = [
            (_edits(letters, hangul.jamo(form)), -count, form)
            for form, count in forms.items()
            if len(form) == len(word)
        ]
        near = [n for n in near if n[0] <= _allowed_edits(letters)]
        corrected.append(min(near)[2] if near else word)
    return corrected


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
