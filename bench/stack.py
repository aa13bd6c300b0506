"""The production-like stack under load (`make stack` first; needs wrk).

    .venv/bin/python bench/stack.py [--seconds 10]

Prints req/s of an anonymous story page through the proxy without a cache and through a
caching proxy (as a CDN would serve it), checkouts per second (basket on one app server,
checkout on the other), and search page req/s while one search node is stopped and restarted.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.stack.conftest import Browser  # noqa: E402  (the stack tests' HTTP client)

STORY = "/이야기/빵집이-일자리를-굽는-법/"


def wrk(url: str, seconds: int) -> tuple[float, str]:
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, errors.group(1) if errors else "0"


def checkouts(apps: list[str], product_id: int, seconds: int) -> float:
    done, started = 0, time.monotonic()
    while time.monotonic() - started < seconds:
        a, b = apps[done % 2], apps[(done + 1) % 2]
        shopper = Browser()
        shopper.post(f"{a}/basket/add/{product_id}/", {"quantity": 1, "next": "/basket/"})
        shopper.post(
            f"{b}/checkout/",
            {"options": "anonymous", "username": f"{uuid.uuid4().hex[:8]}@example.kr"},
        )
        shopper.post(
            f"{a}/checkout/shipping-address/",
            {
                "first_name": "김하나",
                "phone_number": "010-1234-5678",
                "postcode": "03154",
                "line1": "서울특별시 종로구 세종대로 175",
                "country": "KR",
            },
        )
        shopper.post(f"{b}/checkout/shipping-method/", {"method_code": "partner-shipping"})
        shopper.post(f"{a}/checkout/preview/", {"payment_method": "bank-transfer"})
        status, _ = shopper.post(f"{b}/checkout/preview/", {"action": "place_order"})
        done += status == 200
    return done / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    proxy_port = os.environ.get("STACK_PROXY_PORT", "8470")
    apps = [
        f"http://127.0.0.1:{p}" for p in os.environ.get("STACK_APP_PORTS", "8471,8472").split(",")
    ]
    story = urllib.parse.quote(STORY)

    rate, errors = wrk(f"http://127.0.0.1:{proxy_port}{story}", args.seconds)
    print(f"story, proxy without cache:  {rate:8.1f} req/s  (non-2xx {errors})")
    cache_port = int(proxy_port) + 9
    upstream = ",".join(a.removeprefix("http://") for a in apps)
    caching = subprocess.Popen(
        [
            sys.executable,
            "tools/stack/proxy.py",
            "--listen",
            f"127.0.0.1:{cache_port}",
            "--upstream",
            upstream,
            "--cache",
        ],
        cwd=REPO,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1)
        Browser().get(f"http://127.0.0.1:{cache_port}{story}")
        rate, errors = wrk(f"http://127.0.0.1:{cache_port}{story}", args.seconds)
        print(f"story, caching proxy (CDN):  {rate:8.1f} req/s  (non-2xx {errors})")
    finally:
        caching.terminate()

    env = dict(
        line.split("=", 1)
        for line in subprocess.run(
            ["bash", "tools/stack/stack.sh", "env"], cwd=REPO, capture_output=True, text=True
        ).stdout.splitlines()
        if "=" in line
    )
    with psycopg.connect(env["DATABASE_URL"]) as conn:
        (product_id,) = conn.execute(
            "SELECT p.id FROM catalogue_product p JOIN partner_stockrecord s ON s.product_id = p.id"
            " JOIN catalogue_productclass c ON c.id = p.product_class_id WHERE c.requires_shipping"
            " AND p.structure = 'standalone'"
            " AND s.num_in_stock - COALESCE(s.num_allocated, 0) > 20"
            " ORDER BY p.id LIMIT 1"
        ).fetchone()
    print(
        f"checkout (A basket, B order): {checkouts(apps, product_id, args.seconds):8.2f} orders/s"
    )

    search = f"http://127.0.0.1:{proxy_port}/search/?q={urllib.parse.quote('협동조합')}"
    rate, errors = wrk(search, args.seconds)
    print(f"search, 3 nodes:             {rate:8.1f} req/s  (non-2xx {errors})")
    port = env["THECEN_SEARCH_URL"].split(",")[0].rsplit(":", 1)[1]
    node = {**os.environ, "SEARCH_NODE_COUNT": "3", "SEARCH_NODE_PORT": port}
    subprocess.run(
        ["bash", "tools/searchnode/node.sh", "stop-node", "3"],
        cwd=REPO,
        env=node,
        check=True,
        capture_output=True,
    )
    try:
        rate, errors = wrk(search, args.seconds)
        print(f"search, node 3 stopped:      {rate:8.1f} req/s  (non-2xx {errors})")
    finally:
        started = time.monotonic()
        subprocess.run(
            ["bash", "tools/searchnode/node.sh", "start-node", "3"],
            cwd=REPO,
            env=node,
            check=True,
            capture_output=True,
        )
        print(f"node 3 back, cluster yellow or better after {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
