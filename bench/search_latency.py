"""Latency of site search on the engine with 10,000 generated documents.

    THECEN_SEARCH_URL=http://127.0.0.1:9250 .venv/bin/python bench/search_latency.py [--docs 10000]

Indexes generated Korean goods, services and stories into a throwaway index, then times the
site's own search (query + facets + highlighting, the same request the search page sends)
and the suggestions. It also loads as many goods into a throwaway database (DATABASE_URL
picks the server; --engine-only skips this) and times the database fallback on the same
queries.
Prints p50/p95 in milliseconds.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_for_bench, drop_indices, percentile  # noqa: E402

NOUNS = [
    "채소",
    "꾸러미",
    "현미",
    "식빵",
    "쿠키",
    "김치",
    "사과",
    "꿀",
    "비누",
    "수건",
    "도마",
    "손수건",
    "장바구니",
    "향초",
    "장난감",
    "도시락",
    "베개",
    "잼",
    "보리차",
    "그래놀라",
]
SERVICES = [
    "방문 돌봄서비스",
    "어르신 케어",
    "목공 강좌",
    "생태 교육프로그램",
    "세무 상담",
    "청소 대행",
    "집수리",
    "마을 건강반",
    "요가 교실",
    "노무 컨설팅",
]
ADJECTIVES = [
    "유기농",
    "친환경",
    "무농약",
    "수제",
    "국산",
    "토종",
    "천연",
    "업사이클",
    "제철",
    "우리밀",
]
ENTERPRISES = [
    ("두레농장 협동조합", "cooperative"),
    ("해님베이커리 사회적기업", "social_enterprise"),
    ("마을공방 마을기업", "village_enterprise"),
    ("늘봄 자활기업", "self_sufficiency"),
    ("숲속놀이 소셜벤처", "social_venture"),
]
REGIONS = ["서울특별시", "대전광역시", "충청남도", "전라북도", "강원특별자치도", "부산광역시"]
GROUPS = ["care", "living", "education", "business"]
QUERIES = [
    "채소",
    "유기농 꾸러미",
    "돌봄",
    "케어",
    "교육",
    "강좌",
    "우리밀 식빵",
    "김치",
    "협동조합",
    "자활기업",
    "천연 비누",
    "어르신 도시락",
    "목공",
    "업사이클 도마",
    "꿀",
]
# Queries that find nothing as typed: the engine retries fuzzily and then with the correction
# (#13), so these take the longest path a reader can cause.
RETRY_QUERIES = ["돌봉", "협동조햡", "김치를 사고 싶어요", "유기농 꾸라미", "목공 강자"]


def generated(n: int, rng: random.Random):
    for i in range(n):
        enterprise, etype = rng.choice(ENTERPRISES)
        roll = rng.random()
        if roll < 0.6:
            kind, title = "product", f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {i}호"
            group = None
        elif roll < 0.8:
            kind, title = "service", f"{rng.choice(REGIONS)[:2]} {rng.choice(SERVICES)} {i}"
            group = rng.choice(GROUPS)
        else:
            kind, title = "story", f"{enterprise}의 {rng.choice(NOUNS)} 이야기 {i}"
            group = None
        body = " ".join(
            [f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}을 만드는 {enterprise}입니다."]
            + [rng.choice(SERVICES) + "를 함께 합니다." for _ in range(3)]
        )
        yield {
            "_id": f"{kind}-{i}",
            "_source": {
                "kind": kind,
                "object_id": str(i),
                "title": title,
                "body": body,
                "tags": enterprise,
                "url": f"/bench/{i}/",
                "price": None if kind == "story" else float(rng.randrange(3000, 90000, 500)),
                "currency": None if kind == "story" else "KRW",
                "in_stock": None if kind == "story" else rng.random() > 0.1,
                "service_group": group,
                "region": rng.choice(REGIONS),
                "enterprise": enterprise,
                "enterprise_type": etype,
                "published_at": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
            },
        }


def timed(fn, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def throwaway_database(prefix: str):
    """A migrated database of its own (the site reads editors' synonyms from it); returns
    the function that drops it."""
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_{prefix.replace('-', '_')}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return lambda: connection.creation.destroy_test_db(old_name, verbosity=0)


def time_database(n: int, requests) -> list[float]:
    """Load n generated goods straight into the throwaway database; time the fallback search."""
    from decimal import Decimal

    from django.test import override_settings
    from oscar.core.loading import get_model

    from search.selectors import search_run

    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")

    rng = random.Random(7)
    goods = ProductClass.objects.create(name="상품", slug="goods", track_stock=True)
    partners = [
        Partner.objects.create(name=name, code=f"p{i}") for i, (name, _t) in enumerate(ENTERPRISES)
    ]
    products = Product.objects.bulk_create(
        [
            Product(
                title=f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {i}호",
                slug=f"bench-{i}",
                description=f"{rng.choice(SERVICES)}를 함께 하는 {rng.choice(NOUNS)}",
                product_class=goods,
                structure=Product.STANDALONE,
                is_public=True,
            )
            for i in range(n)
        ],
        batch_size=1000,
    )
    StockRecord.objects.bulk_create(
        [
            StockRecord(
                product=product,
                partner=rng.choice(partners),
                partner_sku=f"sku-{product.pk}",
                price_currency="KRW",
                price=Decimal(rng.randrange(3000, 90000, 500)),
                num_in_stock=rng.randint(0, 50),
            )
            for product in products
        ],
        batch_size=1000,
    )
    samples = []
    with override_settings(THECEN_SEARCH_URL=""):
        for request in requests:  # warm up
            search_run(request)
        for _ in range(3):
            for request in requests:
                samples += timed(lambda r=request: search_run(r), 1)
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument(
        "--engine-only", action="store_true", help="skip timing the database fallback"
    )
    args = parser.parse_args()
    prefix = django_for_bench()

    from opensearchpy import helpers

    from search import engine
    from search.selectors import SearchRequest, search_run, suggestions
    from search.services import search_index_ensure

    rng = random.Random(2026)
    drop_database = throwaway_database(prefix)
    try:
        index = search_index_ensure()
        client = engine.get_client()
        start = time.perf_counter()
        helpers.bulk(client, generated(args.docs, rng), index=index, chunk_size=1000)
        client.indices.refresh(index=index)
        took = time.perf_counter() - start
        count = client.count(index=index)["count"]

        requests = []
        for q in QUERIES:
            requests.append(SearchRequest(q=q))
            requests.append(SearchRequest(q=q, filters={"kind": ["product"], "in_stock": ["true"]}))
            requests.append(SearchRequest(q=q, sort="price_asc", page=2))
        for request in requests:  # warm up caches once
            search_run(request)

        search_ms = []
        for _ in range(args.rounds):
            for request in requests:
                search_ms += timed(lambda r=request: search_run(r), 1)
        retry_ms = []
        for _ in range(args.rounds):
            for q in RETRY_QUERIES:
                retry_ms += timed(lambda q=q: search_run(SearchRequest(q=q)), 1)
        suggest_ms = []
        for _ in range(args.rounds):
            for q in QUERIES:
                suggest_ms += timed(lambda q=q: suggestions(q[:2]), 1)
        database_ms = time_database(args.docs, requests[::3]) if not args.engine_only else []
    finally:
        drop_indices(prefix)
        drop_database()

    print(f"Search latency: {count} documents indexed in {took:.1f}s")
    print(f"{'request':<38} {'n':>5} {'p50 ms':>8} {'p95 ms':>8}")
    rows = [
        ("search page (query+facets+highlight)", search_ms),
        ("typos and sentences (retried)", retry_ms),
        ("suggestions", suggest_ms),
    ]
    if database_ms:
        rows.append(("database fallback (search page)", database_ms))
    for label, samples in rows:
        print(
            f"{label:<38} {len(samples):>5} {percentile(samples, 50):>8.1f} "
            f"{percentile(samples, 95):>8.1f}"
        )


if __name__ == "__main__":
    main()
