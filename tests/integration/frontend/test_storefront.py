"""The storefront as a shopper and a search engine meet it: sharing tags, sitemap, robots,
feed, sign-up consent, and services that can only be bought with their booking."""

import json
import re

from django.test import TestCase
from django.utils import timezone
from oscar.core.loading import get_model

from commerce.bookings.models import Booking
from commerce.core.models import Consent, PolicyText
from commerce.core.policies import policy_shown
from tests.factories.commerce import create_customer, create_goods, create_service, slot_time

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
User = get_model("auth", "User")


class ShareAndDiscoverTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = Partner.objects.create(name="두레농장 협동조합", code="sf-dure")
        cls.rice = create_goods(partner=cls.partner, title="유기농 현미 4kg", price=28000, stock=5)

    def test_product_page_has_opengraph_and_a_product_offer(self):
        html = self.client.get(self.rice.get_absolute_url()).content.decode()
        self.assertIn('<meta property="og:title" content="유기농 현미 4kg">', html)
        self.assertIn('property="og:image"', html)
        data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html).group(1))
        self.assertEqual(data["@type"], "Product")
        self.assertEqual(data["brand"]["name"], "두레농장 협동조합")
        self.assertEqual(
            data["offers"], {**data["offers"], "price": "28000", "priceCurrency": "KRW"}
        )
        self.assertEqual(data["offers"]["availability"], "https://schema.org/InStock")
        self.assertNotIn("Image Not Available", html)

    def test_sitemap_lists_products_and_robots_points_to_it(self):
        sitemap = self.client.get("/sitemap.xml").content.decode()
        self.assertIn(self.rice.get_absolute_url(), sitemap)
        robots = self.client.get("/robots.txt")
        self.assertEqual(robots.status_code, 200)
        self.assertIn("Disallow: /checkout/", robots.content.decode())
        self.assertIn("Sitemap: http://testserver/sitemap.xml", robots.content.decode())

    def test_stories_feed_is_rss(self):
        response = self.client.get("/feeds/stories/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("<rss", response.content.decode())

    def test_footer_links_the_privacy_policy_and_names_languages_natively(self):
        html = self.client.get("/privacy/").content.decode()
        self.assertIn("개인정보처리방침", html)
        self.assertIn('href="/privacy/"', html)
        self.assertIn(">English</option>", html)
        self.assertIn(">한국어</option>", html)


class SignUpConsentTest(TestCase):
    def form(self, page: str, **extra):
        """The sign-up form as the page gave it (the versions it showed ride along)."""
        hidden = dict(re.findall(r'name="(registration-\w+_version)" value="([^"]*)"', page))
        return {
            "registration-email": "new@example.kr",
            "registration-password1": "a-long-Passphrase-42",
            "registration-password2": "a-long-Passphrase-42",
            "registration_submit": "1",
            **hidden,
            **extra,
        }

    def test_sign_up_needs_both_consents_and_keeps_what_was_agreed_to(self):
        page = self.client.get("/accounts/login/").content.decode()
        # each consent links to its full text, which opens
        for kind, heading in [("terms", "더센 이용약관"), ("privacy", "개인정보 수집·이용 동의")]:
            self.assertIn(f'href="/policies/{kind}/"', page)
            self.assertContains(self.client.get(f"/policies/{kind}/"), heading)

        response = self.client.post("/accounts/login/", self.form(page))
        self.assertContains(response, "가입하려면 이용약관에 동의해 주세요.")
        self.assertContains(response, "개인정보 수집·이용에 동의해 주세요.")
        self.assertFalse(User.objects.filter(email="new@example.kr").exists())

        consents = {"registration-accept_terms": "on", "registration-accept_privacy": "on"}
        response = self.client.post("/accounts/login/", self.form(page, **consents))
        self.assertEqual(response.status_code, 302)
        # signed in at once (Oscar's own sign-up authenticated without the request: axes said no)
        user = User.objects.get(email="new@example.kr")
        self.assertEqual(int(self.client.session["_auth_user_id"]), user.pk)
        # what the law asks us to be able to show: which text, which version, when
        agreed = {c.kind: c for c in Consent.objects.filter(user=user)}
        self.assertEqual(set(agreed), {"terms", "privacy"})
        self.assertEqual(agreed["terms"].version, policy_shown(kind="terms").version)
        self.assertEqual(agreed["privacy"].version, policy_shown(kind="privacy").version)
        self.assertLess(abs((timezone.now() - agreed["terms"].agreed_at).total_seconds()), 60)

    def test_terms_changed_while_signing_up_asks_again(self):
        page = self.client.get("/accounts/login/").content.decode()
        terms = PolicyText.objects.get(kind="terms")
        terms.version_label = "2027-01"
        terms.save()

        consents = {"registration-accept_terms": "on", "registration-accept_privacy": "on"}
        response = self.client.post("/accounts/login/", self.form(page, **consents))

        self.assertContains(response, "가입하는 동안 약관이 바뀌었습니다.")
        self.assertFalse(User.objects.filter(email="new@example.kr").exists())


class ServicesOnlyWithTheirBookingTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = Partner.objects.create(name="햇살돌봄 사회적협동조합", code="sf-haessal")
        cls.service = create_service(partner=cls.partner, capacity=3)
        cls.customer = create_customer("hana-sf@example.kr")
        service_class = ProductClass.objects.get(slug="service")
        cls.bare = Product.objects.create(
            title="준비 중인 방문 상담", product_class=service_class, structure=Product.STANDALONE
        )
        StockRecord.objects.create(
            product=cls.bare, partner=cls.partner, partner_sku="BARE", price=30000
        )

    def setUp(self):
        self.client.force_login(self.customer)

    def test_a_service_without_booking_set_up_cannot_enter_the_basket(self):
        page = self.client.get(self.bare.get_absolute_url())
        self.assertContains(page, "예약 준비 중")
        self.client.post(f"/basket/add/{self.bare.pk}/", {"quantity": 1})
        self.assertEqual(self.client.get("/basket/").context["basket"].num_lines, 0)

    def test_a_service_put_in_the_basket_without_a_booking_cannot_be_ordered(self):
        self.client.post(f"/basket/add/{self.service.product.pk}/", {"quantity": 1})
        response = self.client.post("/checkout/preview/", {"action": "place_order"}, follow=True)
        self.assertFalse(get_model("order", "Order").objects.exists())
        self.assertNotEqual(response.status_code, 500)

    def test_a_wrong_place_count_gets_its_own_message(self):
        response = self.client.post(
            f"/services/{self.service.product.pk}/reserve/",
            {"starts_at": slot_time(self.service).isoformat(), "places": 0},
            follow=True,
        )
        self.assertContains(response, "인원은 1명부터 20명까지 예약할 수 있습니다.")
        self.assertNotContains(response, "시간을 골라")

    def test_too_many_places_says_how_many_are_left(self):
        response = self.client.post(
            f"/services/{self.service.product.pk}/reserve/",
            {"starts_at": slot_time(self.service).isoformat(), "places": 5},
            follow=True,
        )
        self.assertContains(response, "이 시간에는 3자리만 남아 있습니다.")

    def test_the_basket_shows_the_booking_in_korean_never_its_reference(self):
        starts_at = slot_time(self.service, after_days=3)
        self.client.post(
            f"/services/{self.service.product.pk}/reserve/",
            {"starts_at": starts_at.isoformat(), "places": 2},
        )
        html = self.client.get("/basket/").content.decode()
        booking = Booking.objects.get()
        self.assertNotIn(str(booking.reference), html)
        weekday = "월화수목금토일"[starts_at.weekday()]
        self.assertIn(f"{starts_at.month}월 {starts_at.day}일 ({weekday}) 오전 10:00 · 2명", html)

    def test_cancel_is_offered_only_within_the_policy(self):
        starts_at = slot_time(self.service, after_days=3)
        self.client.post(
            f"/services/{self.service.product.pk}/reserve/",
            {"starts_at": starts_at.isoformat(), "places": 1},
        )
        Booking.objects.update(status=Booking.Status.CONFIRMED)
        self.assertContains(self.client.get("/accounts/bookings/"), "예약 취소")
        self.service.cancel_hours = 24 * 7
        self.service.save()
        page = self.client.get("/accounts/bookings/")
        self.assertNotContains(page, ">예약 취소<")
        self.assertContains(page, "168시간 전까지")
