"""A gunicorn worker SIGKILLed in the middle of checkout submissions (issue #17, PostgreSQL).

Rounds of 10 shoppers who each reached the preview page press "place order" at once on app
server A, and one of A's workers is killed with SIGKILL a moment later. Afterwards:

- no order without its payment record and its lines, no basket with two orders;
- stock is consistent: what is allocated grew by exactly the ordered quantities, and nothing
  left the shelf;
- each shopper's basket was either submitted (one order) or comes back to them, lines and all,
  on their next visit (once no checkout holds it any more).
"""

import os
import random
import re
import signal
import threading
import time
import uuid
from pathlib import Path

import pytest
import redis

from tests.stack.conftest import REPO, Browser

pytestmark = pytest.mark.stack

ROUNDS = 3
SHOPPERS = 10


def workers_of(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def gunicorn_master(port: str) -> int:
    return int((REPO / "var" / "stack" / "pids" / f"app-{port}.pid").read_text().strip())


def basket_id(shopper: Browser) -> int | None:
    value = shopper.cookie("oscar_open_basket")
    match = re.match(r'"?(\d+):', value)
    return int(match.group(1)) if match else None


def to_preview(shopper: Browser, base: str, product_id: int) -> None:
    shopper.post(f"{base}/basket/add/{product_id}/", {"quantity": 1, "next": "/basket/"})
    email = f"kill-{uuid.uuid4().hex[:8]}@example.kr"
    shopper.post(f"{base}/checkout/", {"options": "anonymous", "username": email})
    shopper.post(
        f"{base}/checkout/shipping-address/",
        {
            "first_name": "김하나",
            "phone_number": "010-1234-5678",
            "postcode": "03154",
            "line1": "서울특별시 종로구 세종대로 175",
            "line2": "3층",
            "country": "KR",
        },
    )
    shopper.post(f"{base}/checkout/shipping-method/", {"method_code": "partner-shipping"})
    shopper.get(f"{base}/checkout/")
    shopper.post(f"{base}/checkout/preview/", {"payment_method": "bank-transfer"})


def in_threads(calls) -> list:
    results = [None] * len(calls)

    def run(i, call):
        try:
            results[i] = call()
        except Exception as error:  # a connection the killed worker dropped
            results[i] = error

    threads = [threading.Thread(target=run, args=(i, c), daemon=True) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


def test_a_worker_killed_mid_checkout_leaves_no_broken_order_or_lost_basket(stack):
    a, b = stack.apps
    master = gunicorn_master(a.rsplit(":", 1)[1])
    (product_id, title, record_id) = stack.query(
        """
        SELECT p.id, p.title, s.id FROM catalogue_product p
        JOIN partner_stockrecord s ON s.product_id = p.id
        JOIN catalogue_productclass c ON c.id = p.product_class_id
        WHERE c.requires_shipping AND p.structure = 'standalone' AND p.is_public
        ORDER BY p.id LIMIT 1
        """
    )[0]
    stack.query(
        "UPDATE partner_stockrecord SET num_in_stock = num_in_stock + %s"
        " WHERE id = %s RETURNING id",
        [ROUNDS * SHOPPERS, record_id],
    )
    ((in_stock, allocated),) = stack.query(
        "SELECT num_in_stock, COALESCE(num_allocated, 0) FROM partner_stockrecord WHERE id = %s",
        [record_id],
    )

    shoppers, baskets, killed, interrupted = [], [], 0, 0
    for _round in range(ROUNDS):
        group = [Browser() for _ in range(SHOPPERS)]
        in_threads([lambda s=s: to_preview(s, a, product_id) for s in group])
        # (read now: Oscar drops the cookie of a submitted basket)
        ids = [basket_id(s) for s in group]
        assert all(ids)
        shoppers += group
        baskets += ids

        # when all press "place order" and one of A's workers is killed a moment later
        def kill():
            time.sleep(random.uniform(0.05, 0.4))
            victim = random.choice(workers_of(master))
            os.kill(victim, signal.SIGKILL)
            return victim

        results = in_threads(
            [lambda s=s: s.post(f"{a}/checkout/preview/", {"action": "place_order"}) for s in group]
            + [kill]
        )
        killed += 1
        interrupted += sum(
            isinstance(r, Exception) or (isinstance(r, tuple) and r[0] >= 500) for r in results[:-1]
        )
        time.sleep(1)  # the master starts a new worker

    # then the database holds no broken order
    orders = stack.query(
        """
        SELECT o.basket_id, o.id,
               (SELECT count(*) FROM orderpayments_orderpayment p WHERE p.order_id = o.id),
               (SELECT COALESCE(sum(l.quantity), 0) FROM order_line l WHERE l.order_id = o.id)
        FROM order_order o WHERE o.basket_id = ANY(%s)
        """,
        [baskets],
    )
    per_basket = {}
    for basket, _order, payments, quantity in orders:
        per_basket[basket] = per_basket.get(basket, 0) + 1
        assert payments == 1, f"order of basket {basket} has {payments} payment records"
        assert quantity == 1, f"order of basket {basket} has {quantity} items"
    assert max(per_basket.values(), default=0) <= 1, per_basket

    ((in_stock_after, allocated_after),) = stack.query(
        "SELECT num_in_stock, COALESCE(num_allocated, 0) FROM partner_stockrecord WHERE id = %s",
        [record_id],
    )
    assert in_stock_after == in_stock
    assert allocated_after - allocated == len(orders)

    # and every basket without an order comes back to its shopper once no checkout holds it
    store = redis.Redis.from_url(stack.env["THECEN_REDIS_URL"])
    for key in store.scan_iter("*checkout:frozen:*"):  # the grace marks of finished checkouts
        store.delete(key)
    recovered = 0
    for shopper, basket in zip(shoppers, baskets, strict=True):
        if basket in per_basket:
            (status,) = stack.query("SELECT status FROM basket_basket WHERE id = %s", [basket])[0]
            assert status == "Submitted"
            continue
        status, page, _ = shopper.get(f"{b}/basket/")
        assert status == 200
        assert title in page, f"basket {basket} did not come back"
        (status,) = stack.query("SELECT status FROM basket_basket WHERE id = %s", [basket])[0]
        assert status == "Open"
        recovered += 1
    print(
        f"\nworker kill: {ROUNDS} rounds x {SHOPPERS} submits, {killed} workers killed, "
        f"{interrupted} submits cut off, {len(orders)} orders, {recovered} baskets given back"
    )
    assert len(orders) + recovered == len(shoppers)
