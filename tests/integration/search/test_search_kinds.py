"""One search finds enterprises, events, campaigns and services alongside stories and goods."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from cms_pages.models import (
    CampaignIndexPage,
    CampaignPage,
    EnterpriseIndexPage,
    EnterprisePage,
    EventIndexPage,
    EventPage,
)
from commerce.bookings.models import Service
from search.selectors import SearchRequest, search_run
from search.services import search_reindex
from tests.factories.commerce import create_service
from tests.factories.pages import build_site
from tests.factories.search import EngineTestCase, partner, product


def facet_counts(results) -> dict[str, dict[str, int]]:
    return {f.name: {o.label: o.count for o in f.options} for f in results.facets}


def titles(results) -> list[str]:
    return [strip_tags(hit.title) for hit in results.hits]


def event_index(home):
    return home.add_child(instance=EventIndexPage(title="행사", slug="events"))


def add_event(index, title, *, starts_in_days, lead="", region="daejeon", live=True):
    starts = timezone.now() + datetime.timedelta(days=starts_in_days)
    return index.add_child(
        instance=EventPage(
            title=title,
            kind="market-fair",
            lead=lead,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=5),
            place_name="으능정이 거리",
            address="대전 중구 중앙로 164",
            region=region,
            live=live,
        )
    )


@pytest.mark.search_engine
class EveryKindTest(EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        home = build_site()
        bakery = partner("한밭 빵 협동조합", state="대전광역시")
        directory = home.add_child(instance=EnterpriseIndexPage(title="기업", slug="enterprises"))
        directory.add_child(
            instance=EnterprisePage(
                title="한밭 빵 협동조합",
                slug="hanbat-bread",
                partner=bakery,
                enterprise_type="cooperative",
                region="daejeon",
                field="food",
                lead="우리밀 반죽으로 장애인 제빵사가 일하는 빵집",
            )
        )
        cls.event = add_event(
            event_index(home),
            "가을 나눔 장터",
            starts_in_days=10,
            lead="지역 사회적경제 기업이 모이는 장터",
        )
        campaigns = home.add_child(instance=CampaignIndexPage(title="캠페인", slug="campaigns"))
        today = timezone.localdate()
        campaigns.add_child(
            instance=CampaignPage(
                title="김장 나눔 캠페인",
                slug="kimjang",
                legacy_mc_name="박보람",
                community="대덕구 아파트 공동체",
                lead="이웃과 함께 담그는 김장",
                starts_on=today,
                ends_on=today + datetime.timedelta(days=20),
            )
        )
        campaigns.add_child(
            instance=CampaignPage(
                title="준비 중인 김장 모임",
                slug="kimjang-draft",
                legacy_mc_name="박보람",
                community="대덕구",
                starts_on=today,
                ends_on=today + datetime.timedelta(days=20),
                live=False,
            )
        )
        carers = partner("늘봄 돌봄 사회적협동조합", state="대전광역시")
        cls.care = create_service(partner=carers, title="어르신 방문 돌봄", price=30000)
        bath = create_service(partner=carers, title="어르신 목욕 돌봄", price=45000)
        lesson = create_service(partner=carers, title="돌봄 교사 교육", price=20000)
        Service.objects.filter(pk=lesson.pk).update(group="education")
        Service.objects.filter(pk=bath.pk).update(group="care")
        product("돌봄 도시락", price=Decimal("8000"), enterprise=carers)
        search_reindex()

    def search(self, q, **filters):
        return search_run(SearchRequest(q=q, filters=filters))

    def test_an_enterprise_is_found_by_a_korean_word_with_its_type_and_region(self):
        results = self.search("제빵사")
        [hit] = results.hits
        self.assertEqual((strip_tags(hit.title), hit.kind_label), ("한밭 빵 협동조합", "기업"))
        facets = facet_counts(results)
        self.assertEqual(facets["enterprise_type"], {"협동조합": 1})
        self.assertEqual(facets["region"], {"대전": 1})

    def test_an_event_is_found_with_the_day_it_starts(self):
        response = self.client.get("/search/", {"q": "장터"})
        [hit] = response.context["results"].hits
        self.assertEqual((strip_tags(hit.title), hit.kind_label), ("가을 나눔 장터", "행사"))
        starts = timezone.localtime(self.event.starts_at)
        self.assertContains(response, f"{starts.month}월 {starts.day}일")
        self.assertEqual(facet_counts(response.context["results"])["region"], {"대전": 1})

    def test_a_live_campaign_is_found_and_a_draft_one_is_not(self):
        results = self.search("김장")
        self.assertEqual(titles(results), ["김장 나눔 캠페인"])
        self.assertEqual(results.hits[0].kind_label, "캠페인")

    def test_services_are_their_own_kind_counted_by_service_group(self):
        results = self.search("돌봄")
        facets = facet_counts(results)
        self.assertEqual(facets["kind"], {"서비스": 3, "상품": 1})
        self.assertEqual(facets["service_group"], {"돌봄": 2, "교육": 1})

        care_only = self.search("돌봄", service_group=["care"])
        self.assertEqual(
            sorted(titles(care_only)), sorted(["어르신 방문 돌봄", "어르신 목욕 돌봄"])
        )

    def test_a_service_shows_its_price_in_won_and_is_not_indexed_as_goods_too(self):
        response = self.client.get("/search/", {"q": "방문", "kind": "service"})
        [hit] = response.context["results"].hits
        self.assertEqual(strip_tags(hit.title), "어르신 방문 돌봄")
        self.assertContains(response, "₩30,000")
        goods = self.search("방문", kind=["product"])
        self.assertEqual(goods.hits, [])

    def test_the_catalogue_still_lists_services_beside_goods(self):
        response = self.client.get("/catalogue/")
        listed = {p.title for p in response.context["products"]}
        self.assertEqual(
            listed, {"어르신 방문 돌봄", "어르신 목욕 돌봄", "돌봄 교사 교육", "돌봄 도시락"}
        )

    def test_the_database_fallback_finds_the_new_kinds_too(self):
        with self.settings(THECEN_SEARCH_URL=""):
            for word, kind in [("제빵사", "기업"), ("장터", "행사"), ("김장", "캠페인")]:
                [hit] = search_run(SearchRequest(q=word)).hits
                self.assertEqual(hit.kind_label, kind, word)
            counts = facet_counts(search_run(SearchRequest(q="돌봄")))
            self.assertEqual(counts["kind"], {"서비스": 3, "상품": 1})


@pytest.mark.search_engine
class EventLifecycleTest(EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        index = event_index(build_site())
        cls.fair = add_event(index, "봄맞이 로컬푸드 장터", starts_in_days=5)
        cls.past = add_event(index, "지난 여름 로컬푸드 장터", starts_in_days=-30)
        search_reindex()

    def test_an_event_that_has_ended_is_not_shown(self):
        self.assertEqual(titles(search_run(SearchRequest(q="로컬푸드"))), ["봄맞이 로컬푸드 장터"])

    def test_unpublishing_an_event_removes_it_from_search(self):
        self.assertEqual(len(search_run(SearchRequest(q="봄맞이")).hits), 1)
        with self.captureOnCommitCallbacks(execute=True):
            self.fair.unpublish()
        self.refresh()
        self.assertEqual(search_run(SearchRequest(q="봄맞이")).hits, [])
