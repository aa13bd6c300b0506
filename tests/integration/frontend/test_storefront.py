"""A reader sees the home page, a story, the catalogue and a product, in Korean, in KRW."""

from decimal import Decimal

from django.test import TestCase
from oscar.test.factories import create_product

from tests.factories.pages import build_site, build_story


class StorefrontPagesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = build_site()
        cls.story = build_story(cls.home, title="두레농장의 채소 꾸러미")
        cls.product = create_product(
            title="우리밀 통밀식빵", price=Decimal("12500"), num_in_stock=5
        )

    def test_home_page_is_korean_and_lists_stories_and_goods(self):
        response = self.client.get("/")
        self.assertContains(response, '<html lang="ko"')
        self.assertContains(response, "두레농장의 채소 꾸러미")
        self.assertContains(response, "우리밀 통밀식빵")
        self.assertContains(response, "₩12,500")
        self.assertNotContains(response, "₩12,500.00")
        self.assertContains(response, "장바구니")

    def test_story_page_renders(self):
        response = self.client.get(self.story.url)
        self.assertContains(response, "<h1>두레농장의 채소 꾸러미</h1>", html=False)
        self.assertContains(response, "우리밀로 일자리를 굽는 사람들")

    def test_catalogue_lists_the_product_in_korean(self):
        response = self.client.get("/catalogue/")
        self.assertContains(response, "우리밀 통밀식빵")
        self.assertContains(response, "₩12,500")
        self.assertContains(response, "장바구니 담기")

    def test_product_page_shows_price_and_stock_in_korean(self):
        response = self.client.get(self.product.get_absolute_url())
        self.assertContains(response, "우리밀 통밀식빵")
        self.assertContains(response, "₩12,500")
        self.assertContains(response, "재고있음")

    def test_footer_carries_the_operators_legal_details(self):
        response = self.client.get("/")
        self.assertContains(response, "사업자등록번호")
        self.assertContains(response, "통신판매업")

    def test_english_is_the_second_language(self):
        self.client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        response = self.client.get("/catalogue/")
        self.assertContains(response, '<html lang="en"')
        self.assertContains(response, "Add to cart")
