"""Every page a customer or a partner sees reads in Korean; English stays the second language.

The visible text of each page (tags, scripts and styles stripped; of the attributes only those
a person reads or hears) must hold no English word outside a short allowlist of brands,
acronyms and units. Prices read ₩12,500, never with decimals.
"""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Page

from commerce.core.models import PolicyText
from health.models import HealthGroupSession
from search.services import search_reindex
from tests.factories.commerce import (
    checkout_pay,
    create_customer,
    create_goods,
    create_partner_user,
)
from tests.factories.editorial import author, partner
from tests.factories.health import HealthTree
from tests.factories.mc import approved_mc
from tests.factories.search import EngineTestCase

Category = get_model("catalogue", "Category")
Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

# Brands, acronyms and units that are English by design.
ALLOWED = {
    "CEN",  # The CEN, the brand
    "The",  # "The CEN"
    "MC",
    "MCs",
    "PA",
    "CC",
    "KRW",
    "URL",
    "SNS",
    "SKU",
    "UPC",
    "ID",
    "PDF",
    "CSV",
    "km",
    "kg",
    "g",
    "ml",
    "cm",
    "HTML",  # a download format, beside CSV
    "English",  # the language menu names each language in itself
    "RSS",  # the stories feed
    "iCal",  # the calendar file format
}
VISIBLE_ATTRIBUTES = {"placeholder", "aria-label", "title", "alt"}
SKIPPED_ELEMENTS = {"script", "style", "noscript", "template", "svg"}
EMAIL_OR_URL = re.compile(r"\S+@\S+\.\w+|https?://\S+|www\.\S+")
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]")


class VisibleText(HTMLParser):
    """The words a person reads on the page, or hears from a screen reader."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_ELEMENTS:
            self.skipping += 1
            return
        attrs = dict(attrs)
        for name in VISIBLE_ATTRIBUTES:
            if attrs.get(name):
                self.parts.append(attrs[name])
        # A submit input shows its value; a <button>'s value is sent, never shown.
        is_button = tag == "input" and (attrs.get("type") or "").lower() in {
            "submit",
            "button",
            "reset",
        }
        if is_button and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in SKIPPED_ELEMENTS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.parts


def english_words(html: str, *, allowed=frozenset()) -> list[str]:
    """Each piece of visible text that carries an English word, with the words found."""
    found = []
    for part in visible_text(html):
        words = [
            w
            for w in WORD.findall(EMAIL_OR_URL.sub(" ", part))
            if w not in ALLOWED and w not in allowed
        ]
        if words:
            found.append(f"{' '.join(words)}  ←  {part[:120]!r}")
    return found


@pytest.mark.search_engine
class CustomerAndPartnerPagesAreKoreanTest(EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = HealthTree()
        cls.bakery = partner("해님베이커리", "haenim")
        cls.care = partner("새싹돌봄 협동조합", "saessak")
        cls.bread = create_goods(partner=cls.bakery, title="우리밀 통밀식빵", price=12500, stock=9)
        cls.visit = cls.tree.health_service(partner=cls.care, title="어르신 방문 돌봄 상담")
        cls.story = cls.tree.story(
            title="동네 빵집의 아침", author=author(), lead="새벽 네 시에 반죽을 시작합니다."
        )
        cls.enterprise = cls.tree.enterprise(cls.bakery, title="해님베이커리")
        cls.campaign = cls.tree.campaign(
            title="둔산동 꾸러미", market_creator=approved_mc(code="dunsan", kind="public-interest")
        )
        cls.event = cls.tree.event(title="가을 마을 장터", capacity=30)
        cls.group = cls.tree.group()
        HealthGroupSession.objects.create(
            page=cls.group, starts_at=timezone.now() + timedelta(days=3), note="둔치 대신 체육관"
        )
        cls.customer = create_customer("haneul@example.kr")
        cls.partner_user = create_partner_user(cls.bakery, "baker@haenim.kr")
        search_reindex()

        # An order placed through the real forms, for the order history and the dashboard.
        shopper = Client()
        shopper.force_login(get_user_model().objects.get(email="haneul@example.kr"))
        shopper.post(f"/basket/add/{cls.bread.pk}/", {"quantity": 2})
        with cls.captureOnCommitCallbacks(execute=True):  # the order mail goes after commit
            cls.thank_you = checkout_pay(shopper, shipping=True).content.decode()
        cls.order = Order.objects.get()
        cls.emails = [(m.subject, m.body) for m in mail.outbox]

    def assertKorean(self, response_or_html, *, allowed=frozenset(), label=""):
        html = response_or_html
        if not isinstance(html, str):
            label = label or response_or_html.request["PATH_INFO"]
            html = response_or_html.content.decode()
        # Each page is its own subtest, so one run lists every page that needs fixing.
        with self.subTest(page=label):
            if not isinstance(response_or_html, str):
                self.assertEqual(response_or_html.status_code, 200)
            found = english_words(html, allowed=allowed)
            self.assertEqual(found, [], "English UI text on a Korean page:\n" + "\n".join(found))
            self.assertNotRegex(html, r"₩[\d,]+\.\d\d")

    def sign_in(self, user):
        self.client.force_login(user)  # django-axes refuses a login without its request

    # -- a reader -----------------------------------------------------------------------------

    def test_editorial_pages(self):
        for page in [self.tree.home, self.story, self.enterprise, self.campaign, self.event]:
            self.assertKorean(self.client.get(page.url))

    def test_catalogue_and_product_pages(self):
        for url in [
            "/catalogue/",
            self.bread.get_absolute_url(),
            self.visit.product.get_absolute_url(),
        ]:
            response = self.client.get(url)
            self.assertKorean(response)
        self.assertContains(self.client.get(self.bread.get_absolute_url()), "₩12,500")

    def test_search_with_and_without_results(self):
        found = self.client.get("/search/", {"q": "우리밀"})
        self.assertContains(found, "통밀식빵")
        self.assertKorean(found)
        self.assertKorean(self.client.get("/search/", {"q": "존재하지않는낱말"}))
        self.assertKorean(self.client.get("/search/"))

    def test_health_check_and_groups(self):
        for url in [self.tree.check.url, self.tree.groups.url, "/health/groups/", self.group.url]:
            self.assertKorean(self.client.get(url, follow=True), label=url)

    def test_partner_application_form(self):
        self.assertKorean(self.client.get("/partners/apply/"))
        refused = self.client.post("/partners/apply/", {})
        self.assertKorean(refused)

    # -- a customer ---------------------------------------------------------------------------

    def test_basket_and_the_message_after_adding(self):
        response = self.client.post(f"/basket/add/{self.bread.pk}/", {"quantity": 1}, follow=True)
        self.assertKorean(response)
        messages = [str(m) for m in response.context["messages"]]
        self.assertTrue(messages)
        for message in messages:
            self.assertEqual(english_words(message), [], message)
        self.assertIn("₩12,500", " ".join(messages))
        self.assertKorean(self.client.get("/basket/"))

    def test_the_basket_merged_on_signing_in_says_so_in_korean(self):
        self.client.post(f"/basket/add/{self.bread.pk}/", {"quantity": 1})
        self.sign_in(self.customer)
        basket = self.client.get("/basket/")
        self.assertContains(basket, "장바구니에 합쳤습니다")
        self.assertKorean(basket)

    def test_signed_in_checkout_up_to_the_preview(self):
        self.sign_in(self.customer)
        self.client.post(f"/basket/add/{self.bread.pk}/", {"quantity": 1})
        address_step = self.client.get("/checkout/shipping-address/", follow=True)
        self.assertContains(address_step, "도로명 주소")
        self.assertKorean(address_step)
        self.client.post(
            "/checkout/shipping-address/",
            {
                "first_name": "김하늘",
                "phone_number": "010-2345-6789",
                "postcode": "03154",
                "line1": "서울특별시 종로구 세종대로 175",
                "line2": "3층",
                "country": "KR",
            },
        )
        self.assertKorean(self.client.get("/checkout/shipping-method/", follow=True))
        self.client.post("/checkout/shipping-method/", {"method_code": "partner-shipping"})
        payment_step = self.client.get("/checkout/payment-details/", follow=True)
        self.assertContains(payment_step, "무통장입금")
        self.assertKorean(payment_step)
        self.client.post("/checkout/preview/", {"payment_method": "bank-transfer"})
        preview = self.client.get("/checkout/preview/")
        self.assertKorean(preview)
        self.assertContains(preview, "₩12,500")

    def test_order_confirmation_history_and_email(self):
        self.assertKorean(self.thank_you, label="thank-you")
        self.assertIn("₩25,000", self.thank_you)
        self.sign_in(self.customer)
        self.assertKorean(self.client.get("/accounts/orders/"))
        self.assertKorean(self.client.get(f"/accounts/orders/{self.order.number}/"))
        self.assertTrue(self.emails)
        for subject, body in self.emails:
            self.assertEqual(english_words(f"<p>{subject}</p><pre>{body}</pre>"), [], body)
            self.assertNotRegex(body, r"₩[\d,]+\.\d\d")
            self.assertNotRegex(body, r"\d\.00\b")

    def test_account_pages(self):
        login = self.client.get("/accounts/login/")
        self.assertKorean(login)
        self.assertContains(login, "가입하기")  # signing up, not applying for an event
        self.assertContains(self.client.get(self.event.url), "신청하기")
        self.sign_in(self.customer)
        for url in [
            "/accounts/profile/",
            "/accounts/profile/edit/",
            "/accounts/addresses/",
            "/accounts/change-password/",
            "/accounts/notifications/inbox/",
            "/accounts/emails/",
            "/accounts/wishlists/",
            "/accounts/bookings/",
        ]:
            self.assertKorean(self.client.get(url, follow=True))

    # -- a partner ----------------------------------------------------------------------------

    def test_partner_dashboard(self):
        self.sign_in(self.partner_user)
        for url in [
            "/dashboard/",
            "/dashboard/catalogue/",
            f"/dashboard/catalogue/products/{self.bread.pk}/",
            "/dashboard/orders/",
        ]:
            self.assertKorean(self.client.get(url))
        # A partner edits the price in won, as a whole number.
        edit = self.client.get(f"/dashboard/catalogue/products/{self.bread.pk}/")
        self.assertRegex(edit.content.decode(), r'name="stockrecords-0-price"[^>]*value="12500"')
        self.assertNotContains(edit, "12500.00")
        # The shipping code is an identifier, shown beside the method's translated name.
        detail = self.client.get(f"/dashboard/orders/{self.order.number}/")
        self.assertKorean(detail, allowed={"FREE", "SHIPPING"})
        self.assertContains(detail, "입금 대기")
        self.assertContains(self.client.get("/dashboard/orders/"), "₩25,000")

    # -- English, the second language ---------------------------------------------------------

    def test_english_pages_carry_no_korean_interface_text(self):
        # Korean may remain only in content: titles, names, the operator's legal details.
        content = {
            *Page.objects.values_list("title", flat=True),
            *Product.objects.values_list("title", flat=True),
            *Partner.objects.values_list("name", flat=True),
            *Category.objects.values_list("name", flat=True),
            *(str(value) for value in settings.THECEN_OPERATOR.values()),
            # the operating principles and ethics code are editorial content (Korean texts)
            *PolicyText.objects.values_list("title", flat=True),
            *(
                part
                for body in PolicyText.objects.values_list("body", flat=True)
                for part in visible_text(body)
            ),
            self.group.lead,
            self.group.place_name,
            self.group.leader_name,
            "둔치 대신 체육관",
            "한국어",  # the language switch names each language in its own words
        }
        self.client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        self.client.post(f"/basket/add/{self.bread.pk}/", {"quantity": 1})
        for url in [
            "/catalogue/",
            "/basket/",
            "/partners/apply/",
            "/health/groups/",
            self.group.url,
        ]:
            with self.subTest(url=url):
                html = self.client.get(url, follow=True).content.decode()
                self.assertIn('<html lang="en"', html)
                korean = [
                    part
                    for part in visible_text(html)
                    if re.search(r"[가-힣]", part) and not any(name in part for name in content)
                ]
                self.assertEqual(korean, [], "\n".join(korean))
