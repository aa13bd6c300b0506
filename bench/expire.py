"""orders_expire per 1,000 overdue orders: wall time, worker CPU and queries.

    DATABASE_URL=postgresql://.../a_migrated_db python bench/expire.py [--orders 1000]

Inside one transaction that is rolled back (the database keeps its rows): bulk-creates
``--orders`` bank-transfer orders whose deadline has passed (two lines each, one of goods whose
stock is tracked and one of a service with a booking awaiting the deposit), runs the job and
prints its cost. Mail and other tasks are queued after commit, so they are not in the figures.
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
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")
os.environ.setdefault("THECEN_VAR_DIR", str(ROOT / "var" / "bench-expire"))
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("Set DATABASE_URL to a migrated PostgreSQL database.")

import django  # noqa: E402


class Rollback(Exception):
    pass


def _build(count: int) -> None:
    import uuid

    from django.contrib.auth import get_user_model
    from django.contrib.sites.models import Site
    from django.utils import timezone
    from oscar.core.loading import get_model

    from commerce.bookings.models import Booking, Service, Slot
    from commerce.orderpayments.models import OrderPayment

    Line = get_model("order", "Line")
    Order = get_model("order", "Order")
    Partner = get_model("partner", "Partner")
    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    StockRecord = get_model("partner", "StockRecord")

    now = timezone.now()
    partner = Partner.objects.create(name="벤치 조합", code=f"bench-{uuid.uuid4().hex[:8]}")
    goods_class, _ = ProductClass.objects.get_or_create(
        slug="goods", defaults={"name": "상품", "track_stock": True}
    )
    goods = Product.objects.create(title="벤치 상품", product_class=goods_class)
    record = StockRecord.objects.create(
        product=goods,
        partner=partner,
        partner_sku=f"B-{goods.pk}",
        price=Decimal(10_000),
        num_in_stock=count * 2,
        num_allocated=count,
    )
    service_product = Product.objects.create(
        title="벤치 서비스", product_class=ProductClass.objects.get(slug="service")
    )
    service_record = StockRecord.objects.create(
        product=service_product,
        partner=partner,
        partner_sku=f"S-{service_product.pk}",
        price=Decimal(30_000),
        num_in_stock=0,
    )
    service = Service.objects.create(product=service_product, place="서울", group="care")
    buyer = get_user_model().objects.create_user(username=f"bench-{uuid.uuid4().hex[:8]}")
    site = Site.objects.get_current()
    orders = Order.objects.bulk_create(
        Order(
            number=f"BX{uuid.uuid4().hex[:12]}",
            site=site,
            user=buyer,
            currency="KRW",
            total_incl_tax=Decimal(40_000),
            total_excl_tax=Decimal(40_000),
            shipping_incl_tax=0,
            shipping_excl_tax=0,
            status="Awaiting deposit",
            date_placed=now - datetime.timedelta(days=4),
        )
        for _ in range(count)
    )
    price = {
        "line_price_incl_tax": 0,
        "line_price_excl_tax": 0,
        "line_price_before_discounts_incl_tax": 0,
        "line_price_before_discounts_excl_tax": 0,
    }
    lines = []
    for order in orders:
        for rec in (record, service_record):
            lines.append(
                Line(
                    order=order,
                    partner=partner,
                    partner_name=partner.name,
                    partner_sku=rec.partner_sku,
                    stockrecord=rec,
                    product=rec.product,
                    title=rec.product.title,
                    quantity=1,
                    num_allocated=1,
                    unit_price_incl_tax=rec.price,
                    unit_price_excl_tax=rec.price,
                    status="Awaiting deposit",
                    **{k: rec.price for k in price},
                )
            )
    Line.objects.bulk_create(lines)
    OrderPayment.objects.bulk_create(
        OrderPayment(order=o, method="bank-transfer", deadline=now - datetime.timedelta(hours=1))
        for o in orders
    )
    slots = Slot.objects.bulk_create(
        Slot(service=service, starts_at=now + datetime.timedelta(days=5, hours=n), capacity=1)
        for n in range(count)
    )
    Booking.objects.bulk_create(
        Booking(
            reference=uuid.uuid4(),
            slot=slot,
            user=buyer,
            order_line=line,
            status=Booking.Status.AWAITING_DEPOSIT,
        )
        for slot, line in zip(
            slots, [ln for ln in lines if ln.stockrecord_id == service_record.pk], strict=True
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1000)
    args = parser.parse_args()
    django.setup()
    from django.db import connection, transaction

    from commerce.orderpayments.services import orders_expire

    queries = []
    try:
        with transaction.atomic():
            _build(args.orders)
            with connection.execute_wrapper(
                lambda ex, sql, p, m, c: queries.append(1) or ex(sql, p, m, c)
            ):
                wall, cpu = time.perf_counter(), time.process_time()
                cancelled = orders_expire()
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            raise Rollback
    except Rollback:
        pass
    per = len(cancelled) / 1000
    print(
        f"orders_expire: {len(cancelled)} overdue orders cancelled in {wall:.2f} s "
        f"(worker CPU {cpu:.2f} s), {len(queries)} queries; per 1,000: "
        f"{wall / per:.2f} s, {len(queries) / per:.0f} queries"
    )


if __name__ == "__main__":
    main()
