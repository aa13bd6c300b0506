"""Prints the benchmarked pages as `name<TAB>path<TAB>SQL queries per request`.

Run by bench/run.sh with the benchmark's settings; the queries are counted on a second,
warm request through Django's test client, as a running worker would serve it.
"""

import os
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thecen.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cms_pages.models import EnterprisePage, EventPage, StoryPage  # noqa: E402


def story_with_most_products():
    from cms_pages.blocks import stream_catalogue_refs

    return max(StoryPage.objects.live(), key=lambda s: len(stream_catalogue_refs(s.body)[0]))


def main():
    story = story_with_most_products()
    products = len(__import__("cms_pages.blocks").blocks.stream_catalogue_refs(story.body)[0])
    pages = [
        ("home", "/"),
        (f"story ({products} products)", story.url),
        ("enterprise profile", EnterprisePage.objects.live().first().url),
        ("event page", EventPage.objects.live().order_by("starts_at").last().url),
        ("catalogue", "/catalogue/"),
    ]
    client = Client(HTTP_HOST="127.0.0.1")
    for name, path in pages:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        print(f"{name}\t{quote(path, safe='/%')}\t{len(queries)}")


if __name__ == "__main__":
    main()
