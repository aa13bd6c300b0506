"""Oscar's catalogue and category pages are served by the search layer, with or without it."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_class, get_model

from search.services import search_reindex
from tests.factories.pages import build_site
from tests.factories.search import EngineTestCase, product

ProductCategory = get_model("catalogue", "ProductCategory")
create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")


@pytest.mark.search_engine
class CatalogueBrowseTest(EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        build_site()
        cls.bread_category = create_from_breadcrumbs("먹거리 > 빵")
        veg_category = create_from_breadcrumbs("먹거리 > 채소")
        craft_category = create_from_breadcrumbs("생활용품 > 공예")
        cls.food = cls.bread_category.get_parent()
        for title, category in [
            ("우리밀 통밀식빵", cls.bread_category),
            ("쌀 바게트", cls.bread_category),
            ("제철 채소 꾸러미", veg_category),
            ("천연 염색 손수건", craft_category),
        ]:
            made = product(title, price=Decimal("8000"))
            ProductCategory.objects.create(product=made, category=category)
        for n in range(26):
            product(f"공방 소품 {n}", price=Decimal("3000"))
        search_reindex()

    def listed(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return [p.title for p in response.context["products"]]

    def test_a_category_lists_its_goods_and_those_of_its_subcategories(self):
        for served_by in ["engine", "database"]:
            with (
                self.subTest(served_by),
                override_settings(**({"THECEN_SEARCH_URL": ""} if served_by == "database" else {})),
            ):
                self.assertEqual(
                    sorted(self.listed(self.food.get_absolute_url())),
                    ["쌀 바게트", "우리밀 통밀식빵", "제철 채소 꾸러미"],
                )
                self.assertEqual(
                    sorted(self.listed(self.bread_category.get_absolute_url())),
                    ["쌀 바게트", "우리밀 통밀식빵"],
                )

    def test_the_catalogue_pages_through_every_good_newest_first(self):
        first = self.listed("/catalogue/")
        second = self.listed("/catalogue/?page=2")
        self.assertEqual(len(first), 24)
        self.assertEqual(first[0], "공방 소품 25")
        self.assertEqual(len(set(first + second)), 30)
        with override_settings(THECEN_SEARCH_URL=""):
            self.assertEqual(self.listed("/catalogue/"), first)

    def test_the_catalogue_still_works_when_the_node_is_down(self):
        with override_settings(THECEN_SEARCH_URL="http://127.0.0.1:9"):
            self.assertEqual(len(self.listed("/catalogue/")), 24)

    def test_a_page_of_goods_loads_in_a_bounded_number_of_queries(self):
        # Steady state: thumbnails and the header's section links were made by an earlier visit.
        self.listed("/catalogue/")
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(len(self.listed("/catalogue/")), 24)
        self.assertLessEqual(len(queries), 15)
