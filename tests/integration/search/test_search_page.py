"""A reader searches stories and goods together, in Korean, on the real search node."""

from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils.html import strip_tags

from search.services import search_reindex
from tests.factories.pages import build_site, build_story
from tests.factories.search import EngineTestCase, partner, product


@pytest.mark.search_engine
class SearchPageTest(EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        home = build_site()
        cls.care_story = build_story(
            home,
            title="어르신 곁을 지키는 이웃들",
            lead="마을 협동조합이 방문 돌봄서비스를 시작했습니다.",
        )
        cls.class_story = build_story(
            home,
            title="동네 목공 교실",
            lead="청년들이 교육프로그램으로 목공을 배웁니다.",
        )
        cls.bakery_story = build_story(
            home, title="우리밀 빵 굽는 아침", lead="사회적기업 빵집의 하루"
        )
        farm = partner("두레농장 협동조합", state="충청남도")
        bakery = partner("해님베이커리 사회적기업", state="서울특별시")
        cls.veg = product(
            "유기농 제철 채소 꾸러미",
            price=Decimal("25000"),
            description="농장에서 거둔 채소",
            enterprise=farm,
        )
        cls.bread = product("우리밀 통밀식빵", price=Decimal("6500"), stock=0, enterprise=bakery)
        cls.cookies = product(
            "우리밀 쿠키 선물세트", price=Decimal("12500"), stock=3, enterprise=bakery
        )
        search_reindex()

    def search(self, **params):
        return self.client.get("/search/", params)

    def titles(self, response):
        return [strip_tags(hit.title) for hit in response.context["results"].hits]

    def test_stories_and_goods_come_mixed_with_their_kind_and_price(self):
        response = self.search(q="우리밀")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<mark>우리밀</mark> 쿠키 선물세트", html=False)
        self.assertContains(response, "₩6,500")
        self.assertNotContains(response, "₩6,500.00")
        kinds = {hit.kind for hit in response.context["results"].hits}
        self.assertEqual(kinds, {"story", "product"})
        self.assertContains(response, "이야기")  # the story kind's label

    def test_a_particle_and_a_compound_do_not_hide_a_word(self):
        self.assertIn("어르신 곁을 지키는 이웃들", self.titles(self.search(q="돌봄")))
        self.assertIn("동네 목공 교실", self.titles(self.search(q="교육")))

    def test_synonyms_find_the_other_word(self):
        self.assertIn("어르신 곁을 지키는 이웃들", self.titles(self.search(q="케어")))
        self.assertIn("동네 목공 교실", self.titles(self.search(q="강좌")))

    def test_the_snippet_highlights_the_word(self):
        # the word is marked, alone or as part of the compound it was found in (돌봄서비스)
        response = self.search(q="돌봄")
        self.assertRegex(response.content.decode(), r"<mark>[^<]*돌봄[^<]*</mark>")

    def test_facets_count_each_kind_region_and_enterprise_type(self):
        facets = {
            facet.name: {o.value: o.count for o in facet.options}
            for facet in self.search(q="우리밀").context["results"].facets
        }
        self.assertEqual(facets["kind"], {"product": 2, "story": 1})
        self.assertEqual(facets["region"], {"서울특별시": 2})
        self.assertEqual(facets["enterprise_type"], {"social_enterprise": 2})
        self.assertEqual(facets["in_stock"], {"true": 1})
        self.assertEqual(facets["price"], {"0-10000": 1, "10000-30000": 1})

    def test_filters_live_in_the_url_and_narrow_the_results(self):
        response = self.search(q="우리밀", kind="product")
        self.assertEqual(sorted(self.titles(response)), ["우리밀 쿠키 선물세트", "우리밀 통밀식빵"])
        # The other kinds stay on offer, with their counts, to widen the search again.
        kind_facet = response.context["results"].facets[0]
        self.assertEqual(
            {o.value: (o.count, o.selected) for o in kind_facet.options},
            {"product": (2, True), "story": (1, False)},
        )
        self.assertContains(response, 'aria-current="true"')
        response = self.search(q="우리밀", kind="product", in_stock="true")
        self.assertEqual(self.titles(response), ["우리밀 쿠키 선물세트"])
        # With two filters on, each facet counts under the other one (the facets that share
        # their filters are counted together): the region under both, the stock under the kind.
        facets = {
            facet.name: {o.value: o.count for o in facet.options}
            for facet in response.context["results"].facets
        }
        self.assertEqual(facets["region"], {"서울특별시": 1})
        self.assertEqual(facets["price"], {"10000-30000": 1})
        self.assertEqual(facets["in_stock"], {"true": 1})
        self.assertEqual(facets["kind"], {"product": 1})
        response = self.search(price="10000-30000")
        self.assertEqual(
            sorted(self.titles(response)), ["우리밀 쿠키 선물세트", "유기농 제철 채소 꾸러미"]
        )

    def test_sort_by_price(self):
        response = self.search(kind="product", sort="price_asc")
        self.assertEqual(
            self.titles(response),
            ["우리밀 통밀식빵", "우리밀 쿠키 선물세트", "유기농 제철 채소 꾸러미"],
        )

    def test_nothing_found_says_what_to_try(self):
        self.search(q="우리밀")
        self.search(q="우리밀")
        response = self.search(q="우주선")
        self.assertContains(response, "검색 결과가 없습니다", status_code=200)
        self.assertContains(response, "맞춤법")
        # searches that found something before are offered instead
        self.assertContains(response, "많이 찾는 검색어")
        self.assertContains(
            response, '<a href="?q=%EC%9A%B0%EB%A6%AC%EB%B0%80">우리밀</a>', html=True
        )
        self.assertEqual(response.context["popular"], ["우리밀"])

    def test_the_node_being_down_falls_back_to_the_database_with_a_notice(self):
        with override_settings(THECEN_SEARCH_URL="http://127.0.0.1:9"):
            response = self.search(q="우리밀")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'data-testid="search-notice"')
        self.assertEqual(
            sorted(self.titles(response)),
            ["우리밀 빵 굽는 아침", "우리밀 쿠키 선물세트", "우리밀 통밀식빵"],
        )

    def test_suggestions_complete_what_the_reader_types(self):
        data = self.client.get("/search/suggest/", {"q": "유기"}).json()
        self.assertEqual([s["title"] for s in data["suggestions"]], ["유기농 제철 채소 꾸러미"])
        self.assertEqual(data["suggestions"][0]["url"], self.veg.get_absolute_url())

    def test_hand_edited_urls_do_not_break_the_page(self):
        for params in [
            {"q": "빵", "price": "free", "in_stock": "maybe", "sort": "cheapest"},
            {"q": "빵", "page": "999999"},
            {"q": "빵", "page": "two", "kind": "spaceship"},
        ]:
            with self.subTest(params):
                self.assertEqual(self.search(**params).status_code, 200)
