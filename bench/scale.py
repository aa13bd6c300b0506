"""Cost as the data grows: every page and daily job at the demo, at beta and at 10x beta.

    make bench-scale          (PostgreSQL on THECEN_PG_PORT; the search node if it answers)
    python bench/scale.py [--reuse] [--only demo,beta]

Builds throwaway databases on the PostgreSQL server in DATABASE_URL (``thecen_scale_demo``,
``_beta``, ``_10x``; each level is a copy of the one below, grown by bench/scale_data.py,
which says where it goes through the project's services and where it bulk-creates).
``--reuse`` keeps and reuses them between runs, so before/after figures use the same rows.

Per page: SQL queries (from a warm request), worker CPU per request (time.process_time in
this process, through Django's test client, production settings, DEBUG off) and database
time per request (the queries' wall time as the driver saw it). Per job: queries, CPU and
database time, each per 1,000 rows the job handled where that is its unit. Jobs run inside a
transaction that is rolled back, so every level keeps its rows.

Verdict: flat when queries do not change and CPU and database time stay within 1.5x from the
demo to 10x (differences under 2 ms count as noise); otherwise the reason written beside it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thecen.settings.production")
os.environ.pop("THECEN_SEARCH_URL", None)  # pages: the database search, as `make run`
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")
os.environ.setdefault("THECEN_VAR_DIR", str(ROOT / "var" / "bench-scale"))
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("Set DATABASE_URL to a PostgreSQL server (make bench-scale does).")
BASE_URL = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
os.environ["DATABASE_URL"] = f"{BASE_URL}/thecen_scale_demo"

import django  # noqa: E402
import psycopg  # noqa: E402

LEVELS = ["demo", "beta", "10x"]


def db_name(level: str) -> str:
    return f"thecen_scale_{level}"


def admin_sql(*statements: str) -> None:
    with psycopg.connect(f"{BASE_URL}/postgres", autocommit=True) as conn:
        for sql in statements:
            conn.execute(sql)


def exists(level: str) -> bool:
    with psycopg.connect(f"{BASE_URL}/postgres", autocommit=True) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db_name(level)])
        return row.fetchone() is not None


def use(level: str) -> None:
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    connections["default"].settings_dict["NAME"] = db_name(level)
    for cache in caches.all():
        cache.clear()


def prepare(levels: list[str], reuse: bool) -> None:
    from django.core.management import call_command
    from django.db import connections

    sys.path.insert(0, str(ROOT / "bench"))
    import scale_data

    if not (reuse and exists("demo")):
        name = db_name("demo")
        admin_sql(f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
        use("demo")
        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_demo", admin_password="admin", stdout=open(os.devnull, "w"))
        print(f"demo: migrate + load_demo {time.perf_counter() - started:.0f} s")
    call_command("collectstatic", verbosity=0, interactive=False)
    below = "demo"
    for level, scale in (("beta", scale_data.BETA), ("10x", scale_data.TEN_X)):
        if level not in levels:
            break
        if not (reuse and exists(level)):
            connections.close_all()
            admin_sql(
                f"DROP DATABASE IF EXISTS {db_name(level)}",
                f"CREATE DATABASE {db_name(level)} TEMPLATE {db_name(below)}",
            )
        use(level)
        print(f"{level}: growing")
        scale_data.grow(scale)  # adds only what is missing: a reused level costs seconds
        with connections["default"].cursor() as cursor:
            cursor.execute("ANALYZE")
        below = level


# Pages


def _users():
    from django.contrib.auth import get_user_model
    from oscar.core.loading import get_model

    User = get_user_model()
    Partner = get_model("partner", "Partner")
    partner = Partner.objects.get(code="pa-1018600011")
    return {
        "operator": User.objects.get(username="admin"),
        "partner": partner.users.first(),
        "mc": User.objects.get(username="mc-dongne"),
    }


def pages() -> list[tuple[str, str, str | None]]:
    """(name, path, who): the public pages, the partner's, the operator's."""
    from django.conf import settings
    from django.urls import reverse
    from oscar.core.loading import get_model

    from cms_pages.models import (
        CampaignPage,
        EnterprisePage,
        EventIndexPage,
        EventPage,
        StoryIndexPage,
        StoryPage,
    )
    from commerce.mc.models import PayoutStatement

    Category = get_model("catalogue", "Category")
    Product = get_model("catalogue", "Product")
    enterprise = EnterprisePage.objects.live().order_by("pk").first()
    category = Category.objects.filter(depth=1).order_by("path").first()
    product = Product.objects.filter(upc="CEN-P-101").first()
    statement = PayoutStatement.objects.order_by("pk").first()
    per_page = settings.OSCAR_PRODUCTS_PER_PAGE
    last_page = max(1, -(-Product.objects.browsable().count() // per_page))
    stories_last = max(1, -(-StoryPage.objects.live().count() // 12))
    rows = [
        ("home", "/", None),
        ("story", StoryPage.objects.live().order_by("pk").first().url, None),
        ("story index", StoryIndexPage.objects.first().url, None),
        (
            "story index last page",
            f"{StoryIndexPage.objects.first().url}?page={stories_last}",
            None,
        ),
        ("enterprise profile", enterprise.url, None),
        ("event index", EventIndexPage.objects.first().url, None),
        ("event page", EventPage.objects.live().order_by("starts_at").last().url, None),
        ("campaign page", CampaignPage.objects.live().first().url, None),
        ("catalogue", "/catalogue/", None),
        ("catalogue last page", f"/catalogue/?page={last_page}", None),
        ("category page", category.get_absolute_url(), None),
        ("product page", product.get_absolute_url(), None),
        ("search (database)", "/search/?q=" + "반찬", None),
        ("partner: bookings", reverse("services:dashboard-bookings"), "partner"),
        ("partner: order list", "/dashboard/orders/", "partner"),
        ("partner: membership", reverse("membership:dashboard"), "partner"),
        ("mc: dashboard", reverse("mc:dashboard"), "mc"),
        ("operator: deposits", reverse("orderpayments:deposits"), "operator"),
        ("operator: order list", "/dashboard/orders/", "operator"),
        (
            "operator: registrations",
            reverse("cms_pages_eventregistration_modeladmin_index"),
            "operator",
        ),
        (
            "operator: applications",
            reverse("membership_partnerapplication_modeladmin_index"),
            "operator",
        ),
        ("operator: MC statements", reverse("mc_payoutstatement_modeladmin_index"), "operator"),
        ("operator: MC list", reverse("mc_marketcreator_modeladmin_index"), "operator"),
    ]
    if statement is not None:
        rows.append(
            (
                "operator: statement CSV",
                reverse("mc_statement_csv", args=[statement.pk]),
                "operator",
            )
        )
    return rows


class QueryTimer:
    """Counts the queries and adds up their time, measured around the driver's execute."""

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1

    def __enter__(self):
        from django.db import connection

        self._wrapped = connection.execute_wrapper(self)
        self._wrapped.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapped.__exit__(*exc)


def measure(func, *, min_rounds=3, max_rounds=20, budget=0.6):
    """(queries, CPU ms, DB ms) per call: queries and DB time from one warm call."""
    func()
    with QueryTimer() as timer:
        func()
    rounds, cpu = 0, 0.0
    while rounds < min_rounds or (cpu < budget and rounds < max_rounds):
        started = time.process_time()
        func()
        cpu += time.process_time() - started
        rounds += 1
    return timer.count, cpu / rounds * 1000, timer.seconds * 1000


def measure_pages(level: str) -> dict[str, tuple]:
    from django.test import Client

    users = _users()
    clients = {None: Client()}
    for who, user in users.items():
        clients[who] = Client()
        clients[who].force_login(user)
    results = {}
    for name, path, who in pages():
        client = clients[who]

        def get(client=client, path=path):
            response = client.get(path)
            assert response.status_code == 200, (level, path, response.status_code)

        results[name] = measure(get)
    return results


# Jobs


class Rollback(Exception):
    pass


def _job(func):
    """Run func in a transaction that is rolled back; return what it returned and its cost."""
    from django.db import transaction

    out = {}
    try:
        with transaction.atomic(), QueryTimer() as timer:
            started = time.process_time()
            out["result"] = func()
            out["cpu"] = (time.process_time() - started) * 1000
            raise Rollback
    except Rollback:
        pass
    out["queries"], out["db"] = timer.count, timer.seconds * 1000
    return out


def _per_thousand(run, count):
    per = count / 1000 if count else 1
    return (round(run["queries"] / per), run["cpu"] / per, run["db"] / per)


def measure_jobs(level: str) -> dict[str, tuple]:
    from django.core.management import call_command

    from commerce.orderpayments.services import orders_expire

    results = {}
    run = _job(orders_expire)
    due = len(run["result"])
    results[f"orders_expire (per 1,000; {due} due)"] = _per_thousand(run, due)
    for name in ["bookings_daily", "mc_daily", "membership_dues", "health_daily"]:
        run = _job(lambda name=name: call_command(name, stdout=open(os.devnull, "w")))
        results[name] = (run["queries"], run["cpu"], run["db"])
    if os.environ.get("BENCH_SEARCH_URL"):
        from django.test.utils import override_settings

        from search import engine
        from search.registry import registry
        from search.services import search_reindex

        docs = sum(builder.get_queryset().count() for builder in registry)
        prefix = f"bench-scale-{os.getpid()}"
        with override_settings(
            THECEN_SEARCH_URL=os.environ["BENCH_SEARCH_URL"], THECEN_SEARCH_INDEX_PREFIX=prefix
        ):
            run = _job(search_reindex)
            engine.get_client().indices.delete(index=f"{prefix}-*", ignore_unavailable=True)
        results[f"search_reindex (per 1,000 docs; {docs})"] = _per_thousand(run, docs)
    return results


# Report

REASONS = {
    # Filled in with the measured reason where a page or job cannot be flat by nature.
}


def verdict(name, figures) -> str:
    first, last = figures[0], figures[-1]
    if first is None or last is None:
        return ""
    reasons = []
    if last[0] != first[0]:
        reasons.append(f"queries {first[0]} → {last[0]}")
    for label, index in (("CPU", 1), ("DB", 2)):
        a, b = first[index], last[index]
        if b - a > 2 and b > 1.5 * max(a, 0.01):
            reasons.append(f"{label} ×{b / max(a, 0.01):.1f}")
    if not reasons:
        return "flat"
    return "GROWS: " + ", ".join(reasons) + (f" — {REASONS[name]}" if name in REASONS else "")


def report(title: str, by_level: dict[str, dict]) -> None:
    levels = list(by_level)
    names = list(dict.fromkeys(n for r in by_level.values() for n in r))
    print(f"\n{title}")
    header = f"{'':34}" + "".join(f"{lvl:>22}" for lvl in levels)
    print(header + "   verdict")
    print(f"{'':34}" + "".join(f"{'q   CPU ms   DB ms':>22}" for _ in levels))
    for name in names:
        figures = [by_level[lvl].get(_same(name, by_level[lvl])) for lvl in levels]
        cells = "".join(
            f"{f[0]:>6} {f[1]:>8.1f} {f[2]:>7.1f}" if f else f"{'—':>22}" for f in figures
        )
        print(f"{name[:34]:34}{cells}   {verdict(name, figures)}")


def _same(name, results):
    """Job names carry their row counts: match on the part before the parenthesis."""
    key = name.split(" (")[0]
    return next((n for n in results if n.split(" (")[0] == key), name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep and reuse the databases")
    parser.add_argument("--only", default=",".join(LEVELS), help="levels, e.g. demo,beta")
    parser.add_argument("--no-jobs", action="store_true")
    args = parser.parse_args()
    levels = [lvl for lvl in LEVELS if lvl in args.only.split(",")]
    django.setup()
    prepare(levels, args.reuse)
    page_figures, job_figures = {}, {}
    for level in levels:
        use(level)
        started = time.perf_counter()
        page_figures[level] = measure_pages(level)
        if not args.no_jobs:
            job_figures[level] = measure_jobs(level)
        print(f"{level}: measured in {time.perf_counter() - started:.0f} s")
    report("Pages (per request)", page_figures)
    if job_figures:
        report("Daily jobs (per run, or per 1,000 rows where said)", job_figures)
    if not args.reuse:
        from django.db import connections

        connections.close_all()
        admin_sql(*(f"DROP DATABASE IF EXISTS {db_name(lvl)}" for lvl in LEVELS))


if __name__ == "__main__":
    main()
