"""Shoppable blocks show live catalogue data, survive removed products, and sell from the story."""

import re
from decimal import Decimal

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from commerce.provenance.models import BasketLineSource
from tests.factories.editorial import goods, partner, product_blocks, service
from tests.factories.pages import PageTree

Basket = get_model("basket", "Basket")


def basket_count(response) -> int:
    match = re.search(r'data-testid="basket-count"[^>]*>(\d+)<', response.content.decode())
    return int(match.group(1))


class ShoppableBlockTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.bakery = partner()
        cls.tree.enterprise(cls.bakery, title="해님베이커리")
        cls.bread = goods("우리밀 통밀식빵", 6500, 10, enterprise=cls.bakery)
        cls.cookies = goods("쿠키 선물세트", 12500, 0, enterprise=cls.bakery)
        cls.care = service("어르신 방문 말벗 돌봄")
        cls.story = cls.tree.story(
            title="빵집이 일자리를 굽는 법",
            body=[
                ("paragraph", "<p>새벽 다섯 시의 빵집</p>"),
                *product_blocks([cls.bread, cls.cookies, cls.care]),
                ("enterprise_offer", {"enterprise": cls.bakery.pk, "heading": ""}),
            ],
        )

    def test_embedded_goods_show_live_price_enterprise_and_a_basket_form(self):
        response = self.client.get(self.story.url)
        self.assertContains(response, "우리밀 통밀식빵")
        self.assertContains(response, "₩6,500")
        self.assertContains(response, "해님베이커리")
        self.assertContains(response, f'action="/basket/add/{self.bread.pk}/"')
        self.assertContains(response, f'name="source_page" value="{self.story.pk}"')

    def test_a_price_change_in_the_catalogue_shows_on_the_story_at_once(self):
        self.bread.stockrecords.update(price=Decimal("7200"))
        response = self.client.get(self.story.url)
        self.assertContains(response, "₩7,200")
        self.assertNotContains(response, "₩6,500")

    def test_out_of_stock_goods_render_as_unavailable_without_a_form(self):
        response = self.client.get(self.story.url)
        self.assertContains(response, "쿠키 선물세트")
        self.assertContains(response, 'data-testid="offer-unavailable"')
        self.assertNotContains(response, f'action="/basket/add/{self.cookies.pk}/"')

    def test_a_deleted_product_renders_as_unavailable_not_an_error(self):
        doomed = goods("곧 사라질 잼", 8000, 5, enterprise=self.bakery)
        story = self.tree.story(title="잼 이야기", body=product_blocks([doomed]))
        doomed.delete()
        response = self.client.get(story.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "더 이상 판매하지 않는")

    def test_a_service_links_to_its_own_page_instead_of_the_basket(self):
        response = self.client.get(self.story.url)
        self.assertContains(response, "어르신 방문 말벗 돌봄")
        self.assertContains(response, self.care.get_absolute_url())
        self.assertNotContains(response, f'action="/basket/add/{self.care.pk}/"')

    def test_a_whole_enterprise_offer_lists_its_goods(self):
        response = self.client.get(self.story.url)
        # the bread appears once as its own block and once in the enterprise's offer
        self.assertContains(response, f'id="offer-{self.bread.pk}"', count=2)

    def test_adding_from_the_story_stays_on_the_story_and_records_the_source(self):
        # given a reader on the story
        page = self.client.get(self.story.url)
        self.assertEqual(basket_count(page), 0)
        # when they submit the embedded basket form
        response = self.client.post(
            f"/basket/add/{self.bread.pk}/",
            {"quantity": 1, "next": self.story.url, "source_page": self.story.pk},
            follow=True,
        )
        # then they are back on the story, with one item in the basket
        self.assertEqual(response.redirect_chain[-1][0], self.story.url)
        self.assertEqual(basket_count(response), 1)
        line = Basket.objects.get().lines.get()
        source = BasketLineSource.objects.get(line=line)
        self.assertEqual((source.page_id, source.kind), (self.story.pk, "story"))

    def test_a_forged_source_that_is_not_a_story_or_campaign_is_ignored(self):
        self.client.post(
            f"/basket/add/{self.bread.pk}/",
            {"quantity": 1, "next": self.story.url, "source_page": self.tree.home.pk},
        )
        self.assertEqual(Basket.objects.get().lines.count(), 1)
        self.assertFalse(BasketLineSource.objects.exists())


class QueryBudgetTest(TestCase):
    """A story's SQL does not grow with the number of embedded products."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.bakery = partner()
        cls.tree.enterprise(cls.bakery, title="해님베이커리")
        products = [
            goods(f"상품 {n}", 1000 + n, 5, enterprise=cls.bakery, upc=f"Q{n}") for n in range(20)
        ]
        cls.small = cls.tree.story(title="상품 둘", body=product_blocks(products[:2]))
        cls.large = cls.tree.story(
            title="상품 스물",
            body=[
                *product_blocks(products[:10]),
                ("product_list", {"heading": "더 보기", "products": [p.pk for p in products[10:]]}),
            ],
        )

    def _queries(self, url):
        self.client.get(url)  # warm the site-root cache like any running server
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return captured

    def test_twenty_products_cost_the_same_queries_as_two_and_at_most_twenty(self):
        small = self._queries(self.small.url)
        large = self._queries(self.large.url)
        self.assertContains(self.client.get(self.large.url), 'data-testid="offer"', count=20)
        product_sql = [q["sql"] for q in large if '"catalogue_product"' in q["sql"]]
        self.assertEqual(len(large), len(small), [q["sql"] for q in large])
        self.assertLessEqual(len(large), 20)
        self.assertLessEqual(len(product_sql), 3, product_sql)
