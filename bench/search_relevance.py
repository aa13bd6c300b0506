"""Relevance of site search, engine vs database fallback, on a judged Korean corpus.

    THECEN_SEARCH_URL=http://127.0.0.1:9250 .venv/bin/python bench/search_relevance.py

(DATABASE_URL picks the database server; a throwaway database is created on it.)

Builds a throwaway test database and index, loads bench/search_corpus.py, runs every judged
query through the site's own search (``search_run``) and prints recall@10 and nDCG@10.
"""

import math
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_for_bench, drop_indices  # noqa: E402

K = 10


def load_corpus() -> dict[tuple[str, str], str]:
    """Create the corpus in the database; return {(kind, object id): corpus key}."""
    from oscar.core.loading import get_class, get_model
    from oscar.test.factories import create_product

    from bench import search_corpus as corpus
    from tests.factories.pages import build_site, build_story
    from tests.factories.search import partner

    ProductCategory = get_model("catalogue", "ProductCategory")
    create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")

    keys = {}
    partners = {
        code: partner(name, state=region) for code, (name, region) in corpus.ENTERPRISES.items()
    }
    for key, enterprise, path, title, description, price in corpus.GOODS:
        product = create_product(
            title=title,
            price=Decimal(price),
            num_in_stock=10,
            partner_name=partners[enterprise].name,
        )
        product.description = description
        product.save()
        ProductCategory.objects.create(product=product, category=create_from_breadcrumbs(path))
        keys[("product", str(product.pk))] = key
    home = build_site()
    for key, title, lead in corpus.STORIES:
        story = build_story(home, title=title, lead=lead)
        keys[("story", str(story.pk))] = key
    return keys


def ndcg(ranked: list[str], relevant: set[str]) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, key in enumerate(ranked[:K]) if key in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(K, len(relevant))))
    return dcg / ideal if ideal else 0.0


def evaluate(keys) -> dict[str, dict[str, tuple[float, float]]]:
    from django.test import override_settings

    from bench import search_corpus as corpus
    from search.selectors import SearchRequest, search_run

    scores: dict[str, dict[str, tuple[float, float]]] = {"engine": {}, "database": {}}
    for backend in scores:
        overrides = {"THECEN_SEARCH_URL": ""} if backend == "database" else {}
        with override_settings(**overrides):
            for query, relevant in corpus.QUERIES.items():
                results = search_run(SearchRequest(q=query, per_page=K))
                assert results.backend == backend, results.backend
                ranked = [keys.get((hit.kind, hit.object_id), "?") for hit in results.hits]
                relevant = set(relevant)
                recall = len(relevant & set(ranked[:K])) / len(relevant)
                scores[backend][query] = (recall, ndcg(ranked, relevant))
    return scores


def main():
    prefix = django_for_bench()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from search.services import search_reindex

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_{prefix.replace('-', '_')}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        keys = load_corpus()
        search_reindex()
        scores = evaluate(keys)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        drop_indices(prefix)

    from bench import search_corpus as corpus

    print(
        f"Search relevance: {len(corpus.QUERIES)} judged Korean queries, "
        f"{len(corpus.GOODS)} goods + {len(corpus.STORIES)} stories, top {K}"
    )
    print(f"{'backend':<10} {'recall@10':>10} {'nDCG@10':>10}")
    for backend, per_query in scores.items():
        recall = sum(r for r, _n in per_query.values()) / len(per_query)
        gain = sum(n for _r, n in per_query.values()) / len(per_query)
        print(f"{backend:<10} {recall:>10.3f} {gain:>10.3f}")
    print("\nQueries the engine serves worst (recall@10, nDCG@10):")
    worst = sorted(scores["engine"].items(), key=lambda item: item[1][1])[:5]
    for query, (recall, gain) in worst:
        db_recall, db_gain = scores["database"][query]
        print(
            f"  {query:<12} engine {recall:.2f} {gain:.2f}   database {db_recall:.2f} {db_gain:.2f}"
        )


if __name__ == "__main__":
    main()
