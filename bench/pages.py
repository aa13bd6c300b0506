"""Prints the benchmarked pages as `name<TAB>path<TAB>SQL queries<TAB>ms per request`.

Run by bench/run.sh with the benchmark's settings; the queries are counted on a second,
warm request through Django's test client, as a running worker would serve it, and the
in-process CPU time per request (one thread, no HTTP; time.process_time, so time spent
waiting for a busy machine's cores is not counted) is the page's own cost, which does not
depend on what else the machine is doing as wrk's figures do.
"""

import os
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thecen.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cms_pages.blocks import stream_catalogue_refs  # noqa: E402
from cms_pages.models import EnterprisePage, EventPage, StoryPage  # noqa: E402

ROUNDS = 30


def products_in(story) -> int:
    return len(stream_catalogue_refs(story.body)[0])


def database_pages():
    story = max(StoryPage.objects.live(), key=products_in)
    products = products_in(story)
    return [
        ("home", "/"),
        (f"story ({products} products)", story.url),
        ("enterprise profile", EnterprisePage.objects.live().first().url),
        ("event page", EventPage.objects.live().order_by("starts_at").last().url),
        ("catalogue", "/catalogue/"),
    ]


def engine_pages():
    """The search page for the bench word with the most hits (a full page of 20 at least),
    and the catalogue, both served from the search node."""
    from search.query import SearchRequest
    from search.selectors import search_run

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from search_latency import NOUNS

    totals = {word: search_run(SearchRequest(q=word)).total for word in NOUNS}
    word = max(totals, key=totals.get)
    if totals[word] < 20:
        sys.exit(f"no bench word finds 20 documents (best: {word}, {totals[word]})")
    return [
        (f"search ({totals[word]} hits)", f"/search/?q={quote(word)}"),
        ("catalogue (index)", "/catalogue/"),
    ]


def main():
    pages = engine_pages() if "--engine" in sys.argv else database_pages()
    client = Client(HTTP_HOST="127.0.0.1")
    for name, path in pages:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        count = len(queries)  # before the next request resets Django's query log
        started = time.process_time()
        for _ in range(ROUNDS):
            client.get(path)
        ms = (time.process_time() - started) / ROUNDS * 1000
        print(f"{name}\t{quote(path, safe='/%?=&')}\t{count}\t{ms:.1f}")


if __name__ == "__main__":
    main()
