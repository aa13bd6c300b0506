"""The partner's order list reads its own lines through the (partner, order) index.

Oscar filters the list by joining every line and de-duplicating whole order rows; at the
10x-beta size PostgreSQL answered it by reading all 100k order lines. Here the list's own
queries (the page and the pager's count, as the view runs them) are explained with ANALYZE
on a data size where reading the whole table would be the planner's choice if no index could
answer: 4,000 orders with 8,000 lines over 40 partners, the measured partner holding 40 of
them, after ANALYZE. The planner runs with its default settings (no ``enable_seqscan``
switch), and the plan's shape is checked too: the order lines are reached through the
(partner, order) index, by the partner's id.
"""

import datetime
import json
from decimal import Decimal

import pytest
from django.contrib.sites.models import Site
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oscar.core.loading import get_model

from tests.factories.commerce import create_customer, create_partner_user

Line = get_model("order", "Line")
Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")

INDEX = "order_line_partner_order_idx"


def _orders(partners, *, count: int, mine, buyer) -> None:
    """``count`` orders of two lines; every hundredth order has a line of ``mine``."""
    site = Site.objects.get_current()
    now = timezone.now()
    orders = Order.objects.bulk_create(
        Order(
            number=f"P{n:06d}",
            site=site,
            user=buyer,
            currency="KRW",
            total_incl_tax=Decimal(20_000),
            total_excl_tax=Decimal(20_000),
            shipping_incl_tax=0,
            shipping_excl_tax=0,
            status="Pending",
            date_placed=now - datetime.timedelta(minutes=n),
        )
        for n in range(count)
    )
    lines = []
    for n, order in enumerate(orders):
        for k in range(2):
            partner = mine if (n % 100 == 0 and k == 0) else partners[(n + k) % len(partners)]
            lines.append(
                Line(
                    order=order,
                    partner=partner,
                    partner_name=partner.name,
                    partner_sku=f"SKU-{n}-{k}",
                    title=f"상품 {n}-{k}",
                    quantity=1,
                    num_allocated=0,
                    line_price_incl_tax=Decimal(10_000),
                    line_price_excl_tax=Decimal(10_000),
                    line_price_before_discounts_incl_tax=Decimal(10_000),
                    line_price_before_discounts_excl_tax=Decimal(10_000),
                    unit_price_incl_tax=Decimal(10_000),
                    unit_price_excl_tax=Decimal(10_000),
                    status="Pending",
                )
            )
    Line.objects.bulk_create(lines)


def _plan_nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from _plan_nodes(child)


@pytest.mark.django_db
def test_partner_order_list_reads_its_lines_by_index_not_the_whole_table(client, postgres):
    # given 4,000 orders over 40 partners, 40 of them with a line of the measured partner
    partners = Partner.objects.bulk_create(
        Partner(name=f"조합 {n}", code=f"coop-{n}") for n in range(39)
    )
    mine = Partner.objects.create(name="햇살협동조합", code="haessal")
    user = create_partner_user(mine, "haessal@example.kr")
    _orders(partners, count=4000, mine=mine, buyer=create_customer("buyer@example.kr"))
    with connection.cursor() as cursor:
        for table in ("order_line", "order_order", "partner_partner", "partner_partner_users"):
            cursor.execute(f"ANALYZE {table}")
    client.force_login(user)

    # when the partner opens its order list
    client.get("/dashboard/orders/")  # warm: session, site, content types
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/dashboard/orders/")

    # then it lists its own 40 orders (one row each) and the page's queries ask for them
    # through the index: no query of the list reads all the order lines
    assert response.status_code == 200
    assert response.context["paginator"].count == 40
    numbers = [order.number for order in response.context["orders"]]
    assert len(numbers) == len(set(numbers))
    assert numbers[0] == "P000000"
    listing = [
        q["sql"]
        for q in captured.captured_queries
        if 'FROM "order_order"' in q["sql"]
        and "EXISTS" in q["sql"]
        # the frozen-basket check (thecen's recovery middleware) also names orders
        and not q["sql"].startswith('SELECT "basket_basket"')
    ]
    assert len(listing) == 2, listing  # the pager's count and the page
    for sql in listing:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
        plan = plan if isinstance(plan, list) else json.loads(plan)
        nodes = list(_plan_nodes(plan[0]["Plan"]))
        on_lines = [n for n in nodes if n.get("Relation Name") == "order_line"]
        assert on_lines, sql
        assert not [n for n in on_lines if n["Node Type"] == "Seq Scan"], json.dumps(plan)
        line_indexes = {
            n["Index Name"] for n in nodes if n.get("Index Name", "").startswith("order_line")
        }
        assert line_indexes == {INDEX}, json.dumps(plan)
        assert "DISTINCT" not in sql.upper()
