"""The settlement run for 100 partners × 1,000 confirmed lines, on PostgreSQL.

    make bench-settlement     (PostgreSQL on THECEN_PG_PORT)
    python bench/settlement.py [--partners 100] [--lines 1000] [--reuse]

Builds a throwaway database ``thecen_bench_settlement`` on the server in DATABASE_URL, bulk-
creates the partners, orders (ten lines each), their shipping charges and confirmed line
fulfilments (bulk, not through the services: this measures the run, not the shop), then:

- the queries of one partner's statement at two sizes (100 and ``--lines`` lines): they must
  be the same number, or the run grows per line;
- the whole run (``statements_run``) for every partner: wall time and queries.

The run happens in a transaction that is rolled back, so ``--reuse`` measures the same rows.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thecen.settings.production")
os.environ.pop("THECEN_SEARCH_URL", None)
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")
os.environ.setdefault("THECEN_VAR_DIR", str(ROOT / "var" / "bench-settlement"))
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("Set DATABASE_URL to a PostgreSQL server (make bench-settlement does).")
BASE_URL = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
NAME = "thecen_bench_settlement"
os.environ["DATABASE_URL"] = f"{BASE_URL}/{NAME}"

import django  # noqa: E402
import psycopg  # noqa: E402


class Rollback(Exception):
    pass


def fresh_database(reuse: bool) -> bool:
    with psycopg.connect(f"{BASE_URL}/postgres", autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [NAME]).fetchone()
        if reuse and found:
            return False
        conn.execute(f"DROP DATABASE IF EXISTS {NAME}")
        conn.execute(f"CREATE DATABASE {NAME}")
    return True


def build(partners: int, lines: int) -> None:
    """``partners`` partners with ``lines`` confirmed lines each, plus one with 100 ("small")."""
    from django.utils import timezone
    from oscar.core.loading import get_model

    from commerce.fulfilment.models import LineFulfilment
    from commerce.shipping.models import OrderShippingCharge

    Partner = get_model("partner", "Partner")
    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    confirmed_at = timezone.now() - datetime.timedelta(days=1)
    # what an interrupted build left behind
    Order.objects.filter(guest_email="bench@example.kr").delete()
    Partner.objects.filter(code__startswith="bench-").delete()
    sizes = [("small", 100)] + [(f"p{i:03d}", lines) for i in range(partners)]
    made = Partner.objects.bulk_create(
        [Partner(name=f"벤치 협동조합 {code}", code=f"bench-{code}") for code, _n in sizes]
    )
    per_order = 10
    number = 0
    for partner, (_code, count) in zip(made, sizes, strict=True):
        orders = []
        for _ in range(count // per_order):
            number += 1
            orders.append(
                Order(
                    number=f"B{number:08d}",
                    currency="KRW",
                    total_incl_tax=Decimal(per_order * 12000 + 3000),
                    total_excl_tax=Decimal(per_order * 12000 + 3000),
                    shipping_incl_tax=Decimal(3000),
                    shipping_excl_tax=Decimal(3000),
                    status="Complete",
                    guest_email="bench@example.kr",
                    date_placed=confirmed_at,
                )
            )
        orders = Order.objects.bulk_create(orders, batch_size=2000)
        order_lines = [
            Line(
                order=order,
                partner=partner,
                partner_name=partner.name,
                partner_sku="BENCH",
                title="벤치 상품",
                quantity=1,
                num_allocated=0,
                line_price_incl_tax=Decimal(12000),
                line_price_excl_tax=Decimal(12000),
                line_price_before_discounts_incl_tax=Decimal(12000),
                line_price_before_discounts_excl_tax=Decimal(12000),
                status="Complete",
            )
            for order in orders
            for _ in range(per_order)
        ]
        order_lines = Line.objects.bulk_create(order_lines, batch_size=5000)
        LineFulfilment.objects.bulk_create(
            [
                LineFulfilment(
                    line=line, partner=partner, state="confirmed", confirmed_at=confirmed_at
                )
                for line in order_lines
            ],
            batch_size=5000,
        )
        OrderShippingCharge.objects.bulk_create(
            [
                OrderShippingCharge(
                    order=order, partner=partner, base=3000, surcharge=0, extra=0, amount=3000
                )
                for order in orders
            ],
            batch_size=5000,
        )


def queries_of(call) -> tuple[int, float, object]:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    result = None
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        try:
            with transaction.atomic():
                result = call()
                elapsed = time.perf_counter() - started
                raise Rollback
        except Rollback:
            pass
    return len(ctx.captured_queries), elapsed, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--partners", type=int, default=100)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()

    new = fresh_database(args.reuse)
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from oscar.core.loading import get_model

    from commerce.fulfilment.models import LineFulfilment
    from commerce.settlement.services import period_of, statement_create, statements_run

    if new:
        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        print(f"migrate {time.perf_counter() - started:.0f} s", flush=True)
    Partner = get_model("partner", "Partner")
    built = LineFulfilment.objects.filter(partner__code="bench-small").exists()
    if new or not built:
        started = time.perf_counter()
        with transaction.atomic():
            build(args.partners, args.lines)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"built {args.partners} partners × {args.lines} lines (+1 × 100) "
            f"in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
    start, end = period_of(timezone.localdate(), period="monthly")

    small = Partner.objects.get(code="bench-small")
    big = Partner.objects.get(code="bench-p000")
    for partner in (small, big):
        count, elapsed, statement = queries_of(
            lambda p=partner: statement_create(partner=p, period_start=start, period_end=end)
        )
        print(
            f"one partner, {partner_lines(partner):,} lines: {count} queries, "
            f"{elapsed * 1000:.0f} ms, net ₩{statement.net:,}"
        )

    count, elapsed, made = queries_of(lambda: statements_run(period_start=start, period_end=end))
    lines = sum(partner_lines(p) for p in Partner.objects.filter(code__startswith="bench-"))
    print(
        f"settlement run: {len(made)} statements, {lines:,} lines, {elapsed:.2f} s, "
        f"{count} queries ({count / len(made):.1f} per partner)"
    )


def partner_lines(partner) -> int:
    from commerce.fulfilment.models import LineFulfilment

    return LineFulfilment.objects.filter(partner=partner).count()


if __name__ == "__main__":
    main()
