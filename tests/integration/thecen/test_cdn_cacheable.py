"""Anonymous editorial pages may be kept by a CDN; publishing purges them; no personal data."""

import http.server
import re
import threading
from urllib.parse import unquote

from django.contrib.auth import get_user_model
from django.test import Client, TestCase, override_settings

from tests.factories.editorial import goods, partner, product_blocks
from tests.factories.pages import PageTree


def token_values(html: str) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', html)


class CacheablePagesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.bakery = partner()
        cls.bread = goods("우리밀 통밀식빵", 6500, 10, enterprise=cls.bakery)
        cls.story = cls.tree.story(title="빵집 이야기", body=product_blocks([cls.bread]))
        cls.pages = [
            cls.story,
            cls.tree.enterprise(cls.bakery, title="해님베이커리"),
            cls.tree.event(title="가을 장터"),
            cls.tree.campaign(title="지난 꾸러미", starts_in=-30, lasts=5),
        ]

    def test_anonymous_pages_are_public_for_a_while_and_hold_no_token_or_cookie(self):
        for page in self.pages:
            with self.subTest(page=page.title):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                cache_control = response["Cache-Control"]
                self.assertIn("public", cache_control)
                self.assertIn("max-age=60", cache_control)
                vary = {v.strip().lower() for v in response["Vary"].split(",")}
                self.assertTrue({"cookie", "accept-language"} <= vary, vary)
                self.assertEqual(dict(response.cookies), {})
                # The language form (and the offer card) carry an empty token slot only.
                self.assertTrue(token_values(response.content.decode()))
                self.assertEqual(set(token_values(response.content.decode())), {""})

    def test_the_add_to_basket_form_works_with_the_token_from_the_cookie_endpoint(self):
        client = Client(enforce_csrf_checks=True)
        page = client.get(self.story.url)
        self.assertContains(page, f'action="/basket/add/{self.bread.pk}/"')
        self.assertContains(page, 'name="csrfmiddlewaretoken" value="" data-csrf')

        response = client.get("/-/csrf/")
        self.assertEqual(response.status_code, 204)
        self.assertIn("no-cache", response["Cache-Control"])
        token = client.cookies["csrftoken"].value

        added = client.post(
            f"/basket/add/{self.bread.pk}/",
            {"csrfmiddlewaretoken": token, "quantity": 1, "next": self.story.url},
        )
        self.assertEqual(added.status_code, 302)
        basket = client.get("/basket/")
        self.assertContains(basket, "우리밀 통밀식빵")

    def test_a_post_without_the_token_is_still_refused(self):
        client = Client(enforce_csrf_checks=True)
        client.get("/-/csrf/")
        refused = client.post(f"/basket/add/{self.bread.pk}/", {"quantity": 1})
        self.assertEqual(refused.status_code, 403)

    def test_a_reader_with_a_basket_or_signed_in_gets_a_private_page(self):
        shopper = Client()
        shopper.post(f"/basket/add/{self.bread.pk}/", {"quantity": 1, "next": "/"})
        response = shopper.get(self.story.url)
        self.assertNotIn("public", response.get("Cache-Control", ""))

        editor = get_user_model().objects.create_user("editor", "e@thecen.test", "pw")
        signed_in = Client()
        signed_in.force_login(editor)
        response = signed_in.get(self.story.url)
        self.assertNotIn("public", response.get("Cache-Control", ""))


def as_text(path: str) -> str:
    """A request path as the page's URL reads (percent-escapes or raw UTF-8 both undone)."""
    return unquote(path.encode("latin-1").decode("utf-8"))


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    purged: list[tuple[str, str]] = []

    def do_PURGE(self):
        self.purged.append((self.headers.get("Host", ""), self.path))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class PublishPurgesTest(TestCase):
    def setUp(self):
        PurgeRecorder.purged = []
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.addCleanup(self.server.server_close)
        self.addCleanup(self.server.shutdown)

    def test_publishing_a_story_sends_a_purge_for_its_url(self):
        tree = PageTree()
        story = tree.story(title="고칠 이야기")
        location = f"http://127.0.0.1:{self.server.server_address[1]}"
        cache = {
            "proxy": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": location,
            }
        }
        with override_settings(WAGTAILFRONTENDCACHE=cache):
            story.lead = "고쳐 쓴 요약"
            story.save_revision().publish()
        self.assertIn(unquote(story.url), [as_text(path) for _host, path in PurgeRecorder.purged])
