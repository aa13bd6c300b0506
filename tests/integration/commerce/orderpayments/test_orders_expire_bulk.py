"""The daily expiry costs the same number of queries for 3 overdue orders as for 40.

Overdue orders are cancelled in batches: each batch locks its orders (skipping the ones a
deposit confirmation holds), then changes lines, orders, payments, stock and bookings with a
fixed number of statements, and tells bookings, commission and search once per batch.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.sites.models import Site
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oscar.core.loading import get_model

from commerce.orderpayments.methods import AWAITING_DEPOSIT, PaymentMethod
from commerce.orderpayments.models import OrderPayment
from commerce.orderpayments.services import orders_expire
from tests.factories.commerce import create_customer, create_goods

Line = get_model("order", "Line")
Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def _overdue_orders(product, count: int, *, start: int, buyer) -> None:
    """``count`` bank-transfer orders of 2 items each, their deadline passed an hour ago."""
    record = product.stockrecords.get()
    now = timezone.now()
    orders = Order.objects.bulk_create(
        Order(
            number=f"E{n:05d}",
            site=Site.objects.get_current(),
            user=buyer,
            guest_email=buyer.email,
            currency="KRW",
            total_incl_tax=Decimal(20_000),
            total_excl_tax=Decimal(20_000),
            shipping_incl_tax=0,
            shipping_excl_tax=0,
            status=AWAITING_DEPOSIT,
            date_placed=now - datetime.timedelta(days=4),
        )
        for n in range(start, start + count)
    )
    Line.objects.bulk_create(
        Line(
            order=order,
            partner=record.partner,
            partner_name=record.partner.name,
            partner_sku=record.partner_sku,
            stockrecord=record,
            product=product,
            title=product.title,
            quantity=2,
            num_allocated=2,
            line_price_incl_tax=Decimal(20_000),
            line_price_excl_tax=Decimal(20_000),
            line_price_before_discounts_incl_tax=Decimal(20_000),
            line_price_before_discounts_excl_tax=Decimal(20_000),
            unit_price_incl_tax=Decimal(10_000),
            unit_price_excl_tax=Decimal(10_000),
            status=AWAITING_DEPOSIT,
        )
        for order in orders
    )
    OrderPayment.objects.bulk_create(
        OrderPayment(
            order=order,
            method=PaymentMethod.BANK_TRANSFER,
            deadline=now - datetime.timedelta(hours=1),
        )
        for order in orders
    )
    StockRecord.objects.filter(pk=record.pk).update(num_allocated=2 * (start + count))


def _expire(django_capture_on_commit_callbacks, **kwargs) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        with django_capture_on_commit_callbacks(execute=True):
            numbers = orders_expire(**kwargs)
    return len(captured), numbers


def test_expiry_costs_the_same_for_3_orders_as_for_40(django_capture_on_commit_callbacks):
    # given a partner's goods held by 3 overdue orders, and one order still within its deadline
    partner = Partner.objects.create(name="마을공방", code="maeul")
    product = create_goods(partner=partner, title="업사이클 도마", price=10_000, stock=500)
    buyer = create_customer("buyer@example.kr")
    _overdue_orders(product, 3, start=0, buyer=buyer)
    _overdue_orders(product, 1, start=900, buyer=buyer)
    OrderPayment.objects.filter(order__number="E00900").update(
        deadline=timezone.now() + datetime.timedelta(days=1)
    )

    # when the job runs, and again with 40 overdue orders
    few, cancelled = _expire(django_capture_on_commit_callbacks)
    assert sorted(cancelled) == ["E00000", "E00001", "E00002"]
    _overdue_orders(product, 40, start=100, buyer=buyer)
    StockRecord.objects.filter(product=product).update(num_allocated=2 + 80)
    many, cancelled = _expire(django_capture_on_commit_callbacks)

    # then it took as many queries, cancelled the 40 and gave their 80 items back
    assert many == few, f"{few} queries for 3 orders, {many} for 40"
    assert len(cancelled) == 40
    assert Order.objects.filter(status="Cancelled").count() == 43
    assert Order.objects.get(number="E00900").status == AWAITING_DEPOSIT
    assert StockRecord.objects.get(product=product).num_allocated == 2
    assert not Line.objects.filter(order__status="Cancelled").exclude(status="Cancelled").exists()
    assert OrderPayment.objects.filter(cancelled_at__isnull=False).count() == 43
    assert Order.objects.get(number="E00120").status_changes.get().new_status == "Cancelled"
    # and a second run finds nothing left to do
    assert _expire(django_capture_on_commit_callbacks)[1] == []


def test_each_batch_adds_the_same_fixed_cost(django_capture_on_commit_callbacks):
    partner = Partner.objects.create(name="마을공방", code="maeul")
    product = create_goods(partner=partner, title="업사이클 도마", price=10_000, stock=500)
    buyer = create_customer("buyer@example.kr")
    costs = []
    for batches in (1, 2, 3):
        _overdue_orders(product, 10 * batches, start=100 * batches, buyer=buyer)
        queries, cancelled = _expire(django_capture_on_commit_callbacks, batch_size=10)
        assert len(cancelled) == 10 * batches
        costs.append(queries)
    assert costs[1] - costs[0] == costs[2] - costs[1], costs
