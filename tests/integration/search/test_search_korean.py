"""Korean as readers type it (issue #13): a sentence with particles and verbs, a space inside a
compound, an English word, a typo, initials, a category name, and something the site does not
sell, on the real node and on the database fallback; an editor's synonym without a reindex."""

from decimal import Decimal

import pytest
from django.test import TestCase, override_settings
from django.utils.html import strip_tags
from oscar.core.loading import get_class, get_model

from search.models import SearchSynonym
from search.services import search_reindex, search_synonyms_push
from tests.factories.pages import build_site, build_story
from tests.factories.search import EngineTestCase, partner, product

ProductCategory = get_model("catalogue", "ProductCategory")
create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")


def korean_shelf(cls):
    home = build_site()
    build_story(home, title="김장하는 날의 골목", lead="어머니들이 담근 김치를 이웃과 나눕니다.")
    build_story(home, title="동네 운동 모임", lead="주민들이 함께 걷고 체조합니다.")
    coop = partner("두레농장 협동조합", state="충청남도")
    cls.kimchi = product("국산 배추 포기김치 3kg", price=Decimal("32000"), enterprise=coop)
    cls.rice = product("무농약 현미 4kg", price=Decimal("18000"), enterprise=coop)
    cls.bread = product("우리밀 통밀식빵", price=Decimal("6500"))
    cls.care = product("어르신 방문 돌봄 (2시간)", price=Decimal("30000"))
    cls.town = product("마을기업 수제 비누", price=Decimal("8000"))
    ProductCategory.objects.create(
        product=cls.rice, category=create_from_breadcrumbs("먹거리 > 곡물")
    )


class KoreanQueries:
    """The same expectations for both backends."""

    def results(self, q):
        return self.client.get("/search/", {"q": q}).context["results"]

    def titles(self, q):
        return [strip_tags(hit.title) for hit in self.results(q).hits]

    def test_a_sentence_finds_what_it_is_about(self):
        self.assertIn("국산 배추 포기김치 3kg", self.titles("김치를 담가요"))
        self.assertEqual(self.titles("현미를 주문하고 싶은데"), ["무농약 현미 4kg"])
        self.assertIn("우리밀 통밀식빵", self.titles("빵을 사고 싶어요"))

    def test_a_space_inside_a_compound(self):
        self.assertIn("마을기업 수제 비누", self.titles("마을 기업"))
        self.assertIn("마을기업 수제 비누", self.titles("마을기업"))

    def test_an_english_word_finds_the_korean_one(self):
        self.assertIn("우리밀 통밀식빵", self.titles("bread"))
        self.assertIn("어르신 방문 돌봄 (2시간)", self.titles("care"))

    def test_a_typo_is_corrected_and_said(self):
        results = self.results("돌봉")
        self.assertEqual([strip_tags(h.title) for h in results.hits], ["어르신 방문 돌봄 (2시간)"])
        self.assertEqual(results.did_you_mean, "돌봄")
        page = self.client.get("/search/", {"q": "포기김취"})
        self.assertIn(
            "국산 배추 포기김치 3kg", [strip_tags(h.title) for h in page.context["results"].hits]
        )
        self.assertContains(page, "‘포기김취’에 대한 결과가 없어 ‘포기김치’(으)로 찾은 결과")

    def test_initials_find_a_word(self):
        self.assertIn("어르신 방문 돌봄 (2시간)", self.titles("ㄷㅂ"))

    def test_a_category_name_finds_its_products(self):
        self.assertIn("무농약 현미 4kg", self.titles("먹거리"))

    def test_what_the_site_does_not_sell_finds_nothing(self):
        # 운동 is on the site; 운동화 (sneakers) is not a misspelt 운동, nor 충전기 a verb
        for q in ("운동화", "전기차 충전기", "자동차 보험"):
            with self.subTest(q):
                self.assertEqual(self.titles(q), [])


@pytest.mark.search_engine
class EngineKoreanTest(KoreanQueries, EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        korean_shelf(cls)
        search_reindex()

    def test_an_editors_synonym_works_without_a_reindex(self):
        self.assertEqual(self.titles("브라운라이스"), [])
        SearchSynonym.objects.create(terms="브라운라이스, 현미")
        search_synonyms_push()  # what the task worker does after the editor saves
        self.assertEqual(self.titles("브라운라이스"), ["무농약 현미 4kg"])


@override_settings(THECEN_SEARCH_URL="")
class DatabaseKoreanTest(KoreanQueries, TestCase):
    @classmethod
    def setUpTestData(cls):
        korean_shelf(cls)

    def test_an_editors_synonym_works_at_once(self):
        self.assertEqual(self.titles("브라운라이스"), [])
        SearchSynonym.objects.create(terms="브라운라이스, 현미")
        self.assertEqual(self.titles("브라운라이스"), ["무농약 현미 4kg"])
