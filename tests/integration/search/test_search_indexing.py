"""The index follows what editors and sellers do: publish, unpublish, move, delete, restock."""

import io
import threading
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags
from oscar.core.loading import get_model
from wagtail.models import PageViewRestriction

from cms_pages.models import StoryIndexPage, StoryPage
from search import engine
from search.registry import registry
from search.selectors import SearchRequest, search_run
from search.services import search_reindex
from tests.factories.pages import build_site, build_story
from tests.factories.search import EngineTestCase, partner, product

StockRecord = get_model("partner", "StockRecord")


def titles(q="", **filters):
    results = search_run(SearchRequest(q=q, filters=filters))
    return sorted(strip_tags(hit.title) for hit in results.hits)


@pytest.mark.search_engine
class IndexFollowsChangesTest(EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = build_site()
        cls.story = build_story(cls.home, title="마을 부엌 이야기", lead="함께 밥을 짓는 협동조합")
        cls.index = cls.story.get_parent().specific
        cls.other_index = cls.home.add_child(instance=StoryIndexPage(title="기획", slug="기획"))
        cls.bakery = partner("해님베이커리 사회적기업", state="서울특별시")
        cls.bread = product("우리밀 통밀식빵", price=Decimal("6500"), enterprise=cls.bakery)
        search_reindex()

    def publish_story(self, title, lead="", parent=None, refresh=True):
        with self.captureOnCommitCallbacks(execute=True):
            page = (parent or self.index).add_child(
                instance=StoryPage(title=title, lead=lead, live=False)
            )
            page.save_revision().publish()
        if refresh:
            self.refresh()
        return StoryPage.objects.get(pk=page.pk)

    def test_a_published_story_is_found_and_an_unpublished_one_is_not(self):
        page = self.publish_story("공정무역 커피 이야기", lead="커피 농가와 함께")
        self.assertEqual(titles("커피"), ["공정무역 커피 이야기"])
        with self.captureOnCommitCallbacks(execute=True):
            page.unpublish()
        self.refresh()
        self.assertEqual(titles("커피"), [])

    def test_a_deleted_story_disappears(self):
        page = self.publish_story("사라질 차 이야기")
        self.assertEqual(titles("사라질"), ["사라질 차 이야기"])
        with self.captureOnCommitCallbacks(execute=True):
            page.delete()
        self.refresh()
        self.assertEqual(titles("사라질"), [])

    def test_a_moved_story_is_found_at_its_new_address(self):
        page = self.publish_story("옮겨가는 공방 이야기")
        with self.captureOnCommitCallbacks(execute=True):
            page.move(self.other_index, pos="last-child")
        self.refresh()
        hit = search_run(SearchRequest(q="공방")).hits[0]
        self.assertEqual(hit.url, StoryPage.objects.get(pk=page.pk).url)
        self.assertTrue(unquote(hit.url).startswith("/기획/"), hit.url)

    def test_a_story_in_a_private_section_is_never_shown(self):
        private = self.home.add_child(instance=StoryIndexPage(title="조합원 전용", slug="members"))
        self.publish_story("조합원 총회 안내", parent=private)
        self.assertEqual(titles("총회"), ["조합원 총회 안내"])
        with self.captureOnCommitCallbacks(execute=True):
            PageViewRestriction.objects.create(
                page=private, restriction_type=PageViewRestriction.LOGIN
            )
        self.refresh()
        self.assertEqual(titles("총회"), [])

    def test_a_new_product_is_found_with_its_price_and_a_price_change_follows(self):
        with self.captureOnCommitCallbacks(execute=True):
            jam = product("유기농 딸기잼", price=Decimal("9000"), enterprise=self.bakery)
        self.refresh()
        [hit] = search_run(SearchRequest(q="딸기잼")).hits
        self.assertEqual((hit.price, hit.in_stock), (9000, True))

        with self.captureOnCommitCallbacks(execute=True):
            record = jam.stockrecords.get()
            record.price = Decimal("11000")
            record.num_in_stock = 0
            record.save()
        self.refresh()
        [hit] = search_run(SearchRequest(q="딸기잼")).hits
        self.assertEqual((hit.price, hit.in_stock), (11000, False))

    def test_a_hidden_or_deleted_product_is_never_shown(self):
        with self.captureOnCommitCallbacks(execute=True):
            honey = product("아카시아 꿀", price=Decimal("20000"))
            soap = product("천연 비누", price=Decimal("5000"))
        self.refresh()
        self.assertEqual(titles("꿀"), ["아카시아 꿀"])
        with self.captureOnCommitCallbacks(execute=True):
            honey.is_public = False
            honey.save()
            soap.delete()
        self.refresh()
        self.assertEqual(titles("꿀"), [])
        self.assertEqual(titles("비누"), [])

    def test_a_product_without_a_price_is_not_shown(self):
        with self.captureOnCommitCallbacks(execute=True):
            tea = product("보리차", price=Decimal("3000"))
            StockRecord.objects.filter(product=tea).delete()
        self.refresh()
        self.assertEqual(titles("보리차"), [])

    def test_publishing_while_the_node_is_down_is_repaired_by_search_check(self):
        with override_settings(THECEN_SEARCH_URL="http://127.0.0.1:9"):
            page = self.publish_story("정전 중에 쓴 이야기", refresh=False)
        self.assertTrue(StoryPage.objects.get(pk=page.pk).live)
        self.assertEqual(titles("정전"), [])

        out = io.StringIO()
        call_command("search_check", "--repair", stdout=out)
        self.assertIn(f"missing story: {page.pk}", out.getvalue())
        self.assertEqual(titles("정전"), ["정전 중에 쓴 이야기"])


@pytest.mark.search_engine
class SearchCheckTest(EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        home = build_site()
        cls.kept = build_story(home, title="남는 이야기")
        cls.lost = build_story(home, title="빠진 이야기")
        cls.changed = build_story(home, title="바뀐 이야기")
        cls.jam = product("유기농 딸기잼", price=Decimal("9000"))
        search_reindex()

    def test_planted_inconsistencies_are_found_and_repaired(self):
        client = engine.get_client()
        alias = engine.alias_name()
        # given: a missing document, a stale one and one that should not be there
        client.delete(index=alias, id=f"story-{self.lost.pk}")
        StoryPage.objects.filter(pk=self.changed.pk).update(title="고친 제목 이야기")
        client.index(index=alias, id="story-999999", body={"kind": "story", "title": "유령"})
        self.refresh()

        out = io.StringIO()
        with self.assertRaises(SystemExit):
            call_command("search_check", stdout=out)
        report = out.getvalue()
        self.assertIn(f"missing story: {self.lost.pk}", report)
        self.assertIn(f"stale story: {self.changed.pk}", report)
        self.assertIn("extra: story-999999", report)

        call_command("search_check", "--repair", stdout=io.StringIO())
        out = io.StringIO()
        call_command("search_check", stdout=out)
        self.assertIn("matches", out.getvalue())
        self.assertEqual(titles("고친"), ["고친 제목 이야기"])
        self.assertEqual(titles("유령"), [])


@pytest.mark.search_engine
class AliasSwapTest(EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        home = build_site()
        build_story(home, title="늘 찾히는 이야기")
        for n in range(30):
            product(f"상품 {n}번", price=Decimal("1000") + n)
        search_reindex()

    def test_searches_keep_working_while_the_index_is_rebuilt(self):
        failures, answers = [], []
        stop = threading.Event()

        def keep_searching():
            while not stop.is_set():
                try:
                    answers.append(titles("이야기"))
                except Exception as exc:  # noqa: BLE001 - any failure is what we look for
                    failures.append(exc)

        reader = threading.Thread(target=keep_searching)
        reader.start()
        try:
            first = search_reindex()
            second = search_reindex()
        finally:
            stop.set()
            reader.join()

        self.assertEqual(failures, [])
        self.assertGreater(len(answers), 3)
        self.assertTrue(all(answer == ["늘 찾히는 이야기"] for answer in answers))
        self.assertEqual(engine.live_indices(), [second])
        self.assertNotIn(first, engine.concrete_indices())


@pytest.mark.search_engine
class QueryBudgetTest(EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        build_site()
        for n in range(25):
            product(
                f"동네 꾸러미 {n}호",
                price=Decimal("10000") + n * 100,
                enterprise=partner(f"꾸러미 협동조합 {n % 3}", state="대전광역시"),
            )
        search_reindex()

    def assert_page_within_budget(self, budget=10):
        # Any earlier request has cached the header's section links, as in production.
        self.client.get("/")
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/search/", {"q": "꾸러미"})
        self.assertEqual(len(response.context["results"].hits), 20)
        self.assertTrue("₩12,400" in response.content.decode(), "the newest price is shown")
        self.assertLessEqual(len(queries), budget, [q["sql"] for q in queries])

    def test_twenty_goods_with_prices_in_at_most_ten_queries(self):
        self.assert_page_within_budget()

    def test_the_database_fallback_stays_within_a_fixed_budget(self):
        # The database counts each searchable kind on its own (and checks page privacy once per
        # page kind), so its budget grows with the number of kinds — never with the hits.
        with override_settings(THECEN_SEARCH_URL=""):
            self.assert_page_within_budget(budget=8 + 2 * len(list(registry)))

    def test_a_rebuild_in_small_batches_pages_by_key_and_indexes_everything(self):
        # given batches smaller than the 25 products, when the index is rebuilt
        with CaptureQueriesContext(connection) as queries:
            search_reindex(batch_size=4)
        # then every product is found, and no batch skipped rows with OFFSET (which reads
        # every row before the batch again): each asks for the rows after the last key
        self.refresh()
        self.assertEqual(search_run(SearchRequest(q="꾸러미")).total, 25)
        sql = [q["sql"] for q in queries if 'FROM "catalogue_product"' in q["sql"]]
        self.assertFalse([q for q in sql if " OFFSET " in q])
        self.assertGreaterEqual(len([q for q in sql if '"catalogue_product"."id" > ' in q]), 6)

    def test_the_second_page_holds_the_rest_and_links_back(self):
        response = self.client.get("/search/", {"q": "꾸러미", "page": 2})
        self.assertEqual(len(response.context["results"].hits), 5)
        self.assertContains(response, 'rel="prev"')
        self.assertContains(response, '<ol class="search-results" start="21">', html=False)


@pytest.mark.search_engine
class VariantsAndCategoriesTest(EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        build_site()
        search_reindex()

    def test_a_variant_and_a_renamed_category_update_the_parent_product(self):
        from oscar.core.loading import get_class
        from oscar.test.factories import ProductClassFactory

        create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")
        ProductCategory = get_model("catalogue", "ProductCategory")
        with self.captureOnCommitCallbacks(execute=True):
            tshirts = ProductClassFactory(name="의류")
            parent = product("유기농 면 티셔츠", structure="parent", product_class=tshirts)
            StockRecord.objects.filter(product=parent).delete()
            product("유기농 면 티셔츠 L", parent=parent, price=Decimal("19000"))
            category = create_from_breadcrumbs("의류 > 티셔츠")
            ProductCategory.objects.create(product=parent, category=category)
        self.refresh()
        [hit] = search_run(SearchRequest(q="티셔츠")).hits
        self.assertEqual((strip_tags(hit.title), hit.price), ("유기농 면 티셔츠", 19000))

        with self.captureOnCommitCallbacks(execute=True):
            category.name = "반팔 상의"
            category.save()
        self.refresh()
        self.assertEqual(titles("반팔"), ["유기농 면 티셔츠"])


@pytest.mark.search_engine
class BeforeTheFirstReindexTest(EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = build_site()

    def test_the_database_serves_until_the_index_is_built_whole(self):
        # given: a node but no index yet (a fresh deployment); a story is published
        story = build_story(self.home, title="새봄 장터 이야기")
        with self.captureOnCommitCallbacks(execute=True):
            story.save_revision().publish()
        product("첫 상품 꾸러미", price=Decimal("5000"))
        self.assertEqual(engine.concrete_indices(), [])  # no index with one lonely document

        response = self.client.get("/search/", {"q": "장터"})
        self.assertEqual(response.context["results"].backend, "database")
        self.assertEqual(titles("꾸러미"), ["첫 상품 꾸러미"])

        call_command("search_reindex", stdout=io.StringIO())
        self.assertEqual(search_run(SearchRequest(q="장터")).backend, "engine")
        self.assertEqual(titles("장터"), ["새봄 장터 이야기"])
