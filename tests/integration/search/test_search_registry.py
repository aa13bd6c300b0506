"""A new kind of content is one builder class: search, facets and publishing pick it up."""

import pytest
from django.test import override_settings
from django.utils.html import strip_tags

from cms_pages.models import StoryIndexPage
from search.kinds import PageBuilder
from search.registry import registry
from search.selectors import SearchRequest, search_run
from search.services import search_reindex
from tests.factories.pages import build_site
from tests.factories.search import EngineTestCase


class ProgrammeBuilder(PageBuilder):
    """Stands in for a kind another team will add (events, services...)."""

    kind = "programme"
    label = "프로그램"
    model = StoryIndexPage

    def page_fields(self, page):
        return {"body": page.search_description, "service_group": "care", "region": "대전광역시"}


@pytest.mark.search_engine
class NewKindTest(EngineTestCase):
    @classmethod
    def setUpClass(cls):
        registry.register(ProgrammeBuilder)
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            registry.unregister("programme")

    @classmethod
    def setUpTestData(cls):
        cls.home = build_site()
        cls.home.add_child(
            instance=StoryIndexPage(
                title="어르신 돌봄 교실", slug="care-class", search_description="방문 돌봄 배우기"
            )
        )
        search_reindex()

    def test_the_new_kind_is_searched_and_faceted_with_the_others(self):
        results = search_run(SearchRequest(q="돌봄"))
        [hit] = results.hits
        self.assertEqual((strip_tags(hit.title), hit.kind_label), ("어르신 돌봄 교실", "프로그램"))
        facets = {f.name: {o.label: o.count for o in f.options} for f in results.facets}
        self.assertEqual(facets["kind"], {"프로그램": 1})
        self.assertEqual(facets["service_group"], {"돌봄": 1})
        self.assertEqual(facets["region"], {"대전광역시": 1})

        narrowed = search_run(SearchRequest(q="교실", filters={"service_group": ["care"]}))
        self.assertEqual(narrowed.total, 1)

    def test_publishing_one_indexes_it_and_the_fallback_finds_it(self):
        with self.captureOnCommitCallbacks(execute=True):
            page = self.home.add_child(
                instance=StoryIndexPage(title="협동조합 학교", slug="coop-school", live=False)
            )
            page.save_revision().publish()
        self.refresh()
        self.assertEqual(
            [strip_tags(h.title) for h in search_run(SearchRequest(q="학교")).hits],
            ["협동조합 학교"],
        )
        with override_settings(THECEN_SEARCH_URL=""):
            hits = search_run(SearchRequest(q="학교")).hits
        self.assertEqual([(h.title, h.kind) for h in hits], [("협동조합 학교", "programme")])
