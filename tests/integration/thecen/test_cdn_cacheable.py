"""Anonymous editorial pages may be kept by a CDN; publishing purges them; no personal data."""

import http.server
import re
import threading
from urllib.parse import unquote

from django.contrib.auth import get_user_model
from django.test import Client, TestCase, override_settings

from commerce.mc.models import Click, OrderAttribution
from commerce.mc.services import COOKIE_NAME as MC_COOKIE
from tests.factories.commerce import checkout_pay, create_customer
from tests.factories.editorial import goods, partner, product_blocks
from tests.factories.mc import approved_mc
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

    def test_without_javascript_the_basket_asks_once_more_with_a_fresh_token(self):
        # given a reader with JavaScript off: the cached page's form has an empty token
        client = Client(enforce_csrf_checks=True)
        page = client.get(self.story.url)
        self.assertIn("public", page["Cache-Control"])
        form = {"csrfmiddlewaretoken": "", "quantity": "1", "next": self.story.url}

        # when they press "add to basket": a Korean page asks once more, nothing is added yet
        confirm = client.post(f"/basket/add/{self.bread.pk}/", form)
        self.assertEqual(confirm.status_code, 200)
        self.assertContains(confirm, "한 번 더 눌러 주세요")
        self.assertContains(confirm, "아직 장바구니에 담지 않았습니다")
        self.assertIn("no-cache", confirm["Cache-Control"])
        self.assertNotContains(client.get("/basket/"), "우리밀 통밀식빵")

        # then the button on that page (a fresh token, the same fields) adds it
        (token,) = [value for value in token_values(confirm.content.decode()) if value]
        self.assertTrue(token)
        fields = dict(
            re.findall(
                r'type="hidden" name="(quantity|next)" value="([^"]*)"', confirm.content.decode()
            )
        )
        self.assertEqual(fields, {"quantity": "1", "next": self.story.url})
        added = client.post(
            f"/basket/add/{self.bread.pk}/", {**fields, "csrfmiddlewaretoken": token}
        )
        self.assertEqual(added.status_code, 302)
        self.assertContains(client.get("/basket/"), "우리밀 통밀식빵")

    def test_a_post_from_another_site_or_with_a_wrong_token_is_still_refused(self):
        client = Client(enforce_csrf_checks=True)
        client.get("/-/csrf/")
        foreign = client.post(
            f"/basket/add/{self.bread.pk}/", {"quantity": 1}, HTTP_ORIGIN="https://evil.example"
        )
        self.assertEqual(foreign.status_code, 403)
        wrong = client.post(
            f"/basket/add/{self.bread.pk}/", {"quantity": 1, "csrfmiddlewaretoken": "x" * 32}
        )
        self.assertEqual(wrong.status_code, 403)
        # and a form that no cached page carries gets the plain refusal
        other = client.post("/accounts/login/", {"login-username": "a", "login-password": "b"})
        self.assertEqual(other.status_code, 403)
        self.assertNotContains(client.get("/basket/"), "우리밀 통밀식빵", status_code=200)

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


class RunningCampaignTest(TestCase):
    """A running MC campaign is cacheable for a short while; its beacon credits the visit."""

    @classmethod
    def setUpTestData(cls):
        tree = PageTree()
        cls.bread = goods("우리밀 통밀식빵", 6500, 10, enterprise=partner())
        cls.mc = approved_mc(code="chorok", name="초록손 MC")
        cls.campaign = tree.campaign(
            title="동네 빵 꾸러미", market_creator=cls.mc, body=product_blocks([cls.bread])
        )

    def beacon_of(self, html: str) -> str:
        match = re.search(r'<img src="([^"]+)"[^>]*data-testid="visit-beacon"', html)
        self.assertIsNotNone(match, "no visit beacon on the page")
        return match.group(1)

    def test_the_page_is_public_for_30_seconds_and_sets_nothing(self):
        response = self.client.get(self.campaign.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("max-age=30", response["Cache-Control"])
        self.assertEqual(dict(response.cookies), {})
        self.assertFalse(Click.objects.exists())  # a cached copy would never record it either

    def test_the_beacon_credits_the_visit_and_a_purchase_follows_the_campaign(self):
        # given a reader served the cached page (no cookie, no click from the page itself)
        page = self.client.get(self.campaign.url)
        beacon = self.beacon_of(page.content.decode())

        # when the browser loads the beacon (an image: JavaScript off too)
        pixel = self.client.get(beacon)
        self.assertEqual((pixel.status_code, pixel["Content-Type"]), (200, "image/gif"))
        self.assertIn("no-cache", pixel["Cache-Control"])
        self.assertIn(MC_COOKIE, pixel.cookies)
        click = Click.objects.get()
        self.assertEqual(
            (click.mc, unquote(click.source_page)), (self.mc, unquote(self.campaign.url))
        )

        # a reload and the beacon again are the same arrival; the page stays cacheable
        again = self.client.get(self.campaign.url)
        self.assertIn("public", again["Cache-Control"])
        self.client.get(beacon)
        self.assertEqual(Click.objects.count(), 1)

        # then the sale is the campaign's (the reader signs in to check out)
        self.client.force_login(create_customer("reader@example.kr"))
        self.client.post(f"/basket/add/{self.bread.pk}/", {"quantity": 1})
        checkout_pay(self.client, shipping=True)
        attribution = OrderAttribution.objects.get()
        self.assertEqual((attribution.mc, attribution.campaign_id), (self.mc, self.campaign.pk))

    def test_an_mc_link_is_recorded_by_the_server_and_never_cached(self):
        approved_mc(code="haru", name="하루 MC")
        response = self.client.get(f"{self.campaign.url}?mc=haru")
        self.assertNotIn("public", response.get("Cache-Control", ""))
        self.assertIn(MC_COOKIE, response.cookies)
        self.assertEqual(Click.objects.get().mc.code, "haru")
        # the same link again sets nothing new, and is still not cacheable
        repeat = self.client.get(f"{self.campaign.url}?mc=haru")
        self.assertNotIn("public", repeat.get("Cache-Control", ""))
        self.assertEqual(Click.objects.count(), 1)

    def test_a_signed_in_reader_is_credited_by_the_page_itself(self):
        reader = get_user_model().objects.create_user("reader", "r@thecen.test", "pw")
        self.client.force_login(reader)
        page = self.client.get(self.campaign.url)
        self.assertNotIn("public", page.get("Cache-Control", ""))
        self.assertNotContains(page, "visit-beacon")
        self.assertIn(MC_COOKIE, page.cookies)


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
