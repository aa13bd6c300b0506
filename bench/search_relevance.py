"""Relevance of site search, engine vs database fallback, on a judged Korean query set.

    THECEN_SEARCH_URL=http://127.0.0.1:9250 DATABASE_URL=postgresql://... \\
        .venv/bin/python bench/search_relevance.py [--backend engine|database] [--verbose]

Builds a throwaway database and index with the `make run` demo plus the generated corpus of
bench/search_corpus.py, runs every judged query of bench/search_judgments.tsv through the
site's own search (``search_run``; ``suggestions`` for the `suggest` rows) and prints, per
phenomenon and overall: nDCG@10 (graded: 2 = what the reader wants, 1 = also useful),
recall@10 and the share of queries with relevant documents that got no result at all. Rows
of the `unsold` phenomenon (things the site does not sell) must get no result: their column
is the share that got any.

The judgments were written before the search was tuned and are not edited to follow it.
"""

import argparse
import math
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_for_bench, drop_indices  # noqa: E402

K = 10
JUDGMENTS = Path(__file__).resolve().parent / "search_judgments.tsv"


def load_judgments() -> list[tuple[str, str, dict[str, int]]]:
    rows = []
    for line in JUDGMENTS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phenomenon, query, *rest = line.split("\t")
        judged = {}
        for item in " ".join(rest).split():
            key, grade = item.rsplit(":", 1)
            judged[key] = int(grade)
        rows.append((phenomenon, query, judged))
    return rows


def load_corpus() -> dict[tuple[str, str], str]:
    """Load the demo and the generated corpus; return {(kind, object id): key}."""
    from oscar.core.loading import get_class, get_model
    from oscar.test.factories import create_product
    from wagtail.models import Page

    from bench import search_corpus as corpus
    from commerce.bookings.models import Service
    from demo import catalogue, commerce, enterprises, health, pages
    from tests.factories.pages import build_story
    from tests.factories.search import partner

    ProductCategory = get_model("catalogue", "ProductCategory")
    Product = get_model("catalogue", "Product")
    create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")

    catalogue.load()
    commerce.load()
    enterprises.load()
    home = pages.load()
    health.load()

    partners = {
        code: partner(name, state=region) for code, (name, region) in corpus.ENTERPRISES.items()
    }
    for key, enterprise, path, title, description, price in corpus.GOODS:
        product = create_product(
            upc=key,
            title=title,
            product_class="상품",
            price=Decimal(price),
            num_in_stock=10,
            partner_name=partners[enterprise].name,
        )
        product.description = description
        product.save()
        ProductCategory.objects.create(product=product, category=create_from_breadcrumbs(path))
    for key, enterprise, group, path, title, description, place, price in corpus.SERVICES:
        product = create_product(
            upc=key,
            title=title,
            product_class="서비스",
            price=Decimal(price),
            partner_name=partners[enterprise].name,
        )
        product.description = description
        product.save()
        ProductCategory.objects.create(product=product, category=create_from_breadcrumbs(path))
        Service.objects.create(product=product, group=group, place=place)
    for key, title, lead in corpus.STORIES:
        build_story(home, title=title, lead=lead, slug=key)

    keys = {}
    for product in Product.objects.exclude(upc=None):
        keys[("product", str(product.pk))] = keys[("service", str(product.pk))] = product.upc
    for page in Page.objects.all():
        for kind in ("story", "enterprise", "event", "campaign", "health_group"):
            keys[(kind, str(page.pk))] = page.slug
    return keys


def ndcg(ranked: list[str], judged: dict[str, int]) -> float:
    dcg = sum((2 ** judged.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:K]))
    ideal_grades = sorted(judged.values(), reverse=True)[:K]
    ideal = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal_grades))
    return dcg / ideal if ideal else 0.0


def evaluate(keys, rows, backends, verbose=False):
    """{backend: {(phenomenon, query): (ndcg, recall, got anything)}}"""
    from django.test import override_settings

    from search.selectors import SearchRequest, search_run, suggestions

    known = set(keys.values())
    missing = {key for _p, _q, judged in rows for key in judged if key not in known}
    if missing:
        sys.exit(f"judged documents not in the corpus: {sorted(missing)}")
    scores = {}
    for backend in backends:
        scores[backend] = {}
        overrides = {"THECEN_SEARCH_URL": ""} if backend == "database" else {}
        with override_settings(**overrides):
            for phenomenon, query, judged in rows:
                if phenomenon == "suggest":
                    found = suggestions(query)
                    ranked = [_key_of_url(item["url"], keys) for item in found]
                else:
                    results = search_run(SearchRequest(q=query, per_page=K))
                    assert results.backend == backend, results.backend
                    ranked = [keys.get((hit.kind, hit.object_id), "?") for hit in results.hits]
                relevant = {key for key, grade in judged.items() if grade > 0}
                recall = len(relevant & set(ranked[:K])) / len(relevant) if relevant else 0.0
                scores[backend][(phenomenon, query)] = (ndcg(ranked, judged), recall, bool(ranked))
                if verbose:
                    print(f"{backend:<9} {phenomenon:<10} {query:<14} {ndcg(ranked, judged):.2f}")
                    print("    ", ranked[:K])
    return scores


_URL_KEYS: dict[str, str] = {}


def _key_of_url(url: str, keys) -> str:
    if not _URL_KEYS:
        from search.registry import registry

        for builder in registry:
            for _doc_id, doc in builder.documents(builder.get_queryset()):
                _URL_KEYS[doc["url"]] = keys.get((builder.kind, doc["object_id"]), "?")
    return _URL_KEYS.get(url, "?")


def report(scores, rows):
    phenomena = list(dict.fromkeys(p for p, _q, _j in rows))
    print(f"{'':<12}" + "".join(f"{b:^30}" for b in scores))
    print(
        f"{'phenomenon':<10} {'n':>3}"
        + "".join(f" {'nDCG@10':>9} {'recall@10':>9} {'zero':>8}" for _b in scores)
    )

    def line(label, keys):
        cells = []
        for per_query in scores.values():
            judged = [per_query[k] for k in keys]
            if label == "unsold":
                # Nothing to find: what counts is how many got a result anyway.
                anything = sum(got for _n, _r, got in judged) / len(judged)
                cells.append(f" {'—':>9} {'—':>9} {anything:>7.0%}*")
                continue
            gain = sum(n for n, _r, _g in judged) / len(judged)
            recall = sum(r for _n, r, _g in judged) / len(judged)
            zero = sum(not got for _n, _r, got in judged) / len(judged)
            cells.append(f" {gain:>9.3f} {recall:>9.3f} {zero:>8.0%}")
        print(f"{label:<10} {len(keys):>3}" + "".join(cells))

    for phenomenon in phenomena:
        line(phenomenon, [(p, q) for p, q, _j in rows if p == phenomenon])
    print("-" * (14 + 30 * len(scores)))
    searched = [(p, q) for p, q, _j in rows if p not in ("unsold", "suggest")]
    line("overall", searched)
    print(
        "\n(overall: every searched query with judged documents, suggestions and unsold apart;"
        "\n zero = share with no result at all; * unsold: share that got any result, target 0 %)"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["engine", "database"], action="append")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    backends = args.backend or ["engine", "database"]
    prefix = django_for_bench()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from search.services import search_reindex

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_{prefix.replace('-', '_')}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    rows = load_judgments()
    try:
        keys = load_corpus()
        search_reindex()
        scores = evaluate(keys, rows, backends, verbose=args.verbose)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        drop_indices(prefix)

    documents = len(set(keys.values()))
    print(
        f"Search relevance: {len(rows)} judged queries ({JUDGMENTS.name}) over {documents} "
        f"documents (demo + bench/search_corpus.py), {connection.vendor}, top {K}\n"
    )
    report(scores, rows)


if __name__ == "__main__":
    main()
