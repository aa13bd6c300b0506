"""The home page finds a URL's page in one query, and finds exactly what Wagtail would."""

from datetime import timedelta

from django.http import Http404
from django.test import RequestFactory, TestCase
from django.utils import timezone
from wagtail.models import Page

from cms_pages.models import EventPage, StoryIndexPage
from tests.factories.pages import PageTree


class RoutingTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.story = cls.tree.story(title="마을 부엌 이야기")
        cls.draft = cls.tree.story(title="아직 쓰는 이야기", live=False)
        starts = timezone.now() + timedelta(days=10)
        cls.event = cls.tree.events.add_child(
            instance=EventPage(
                title="가을 장터",
                slug="가을-장터",
                kind="market-fair",
                starts_at=starts,
                ends_at=starts + timedelta(hours=5),
                place_name="마을회관",
                address="서울 마포구 월드컵로 1",
            )
        )
        # A live page below an index that was unpublished: Wagtail still serves it.
        cls.hidden_index = cls.tree.home.add_child(
            instance=StoryIndexPage(title="지난 연재", slug="지난-연재", live=False)
        )
        cls.orphan = cls.hidden_index.add_child(
            instance=type(cls.story)(title="지난 연재 1화", slug="1화", lead="옛 이야기")
        )

    def routes(self, url):
        """(our result, Wagtail's own tree walk) for a URL below the home page."""
        request = RequestFactory().get(url)
        components = [part for part in url.split("/") if part]
        home = self.tree.home

        def result(route):
            try:
                page, args, kwargs = route(request, components)
            except Http404:
                return None
            return (page.pk, type(page), len(args), sorted(kwargs))

        return result(home.route), result(lambda r, c: Page.route(home, r, c))

    def test_same_result_as_wagtails_walk(self):
        urls = [
            self.story.url,
            self.draft.url_path.removeprefix(self.tree.home.url_path),
            self.event.url,
            self.event.url + "ical/",
            self.event.url + "register/",
            self.tree.events.url + "ical/",
            self.orphan.url_path.removeprefix(self.tree.home.url_path),
            "/이야기/없는-이야기/",
            "/없는-곳/",
        ]
        for url in urls:
            with self.subTest(url=url):
                ours, wagtails = self.routes(url)
                self.assertEqual(ours, wagtails)

    def test_readers_reach_pages_and_sub_routes(self):
        response = self.client.get(self.story.url)
        self.assertContains(response, "마을 부엌 이야기")
        response = self.client.get(self.event.url + "ical/")
        self.assertEqual(response["Content-Type"].split(";")[0], "text/calendar")
        self.assertContains(response, "SUMMARY:가을 장터")

    def test_drafts_and_unknown_urls_are_not_found(self):
        draft_url = "/" + self.draft.url_path.removeprefix(self.tree.home.url_path)
        self.assertEqual(self.client.get(draft_url).status_code, 404)
        self.assertEqual(self.client.get("/이야기/없는-이야기/").status_code, 404)


class CachedLookupsTest(TestCase):
    """The site lookup and a page's SEO tags are cached, and never outlive a change."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.story = cls.tree.story(title="처음 제목", search_description="처음 요약")

    def test_a_new_site_root_is_served_at_once(self):
        self.assertContains(self.client.get("/"), "더센 홈")
        other = Page.get_first_root_node().add_child(
            instance=StoryIndexPage(title="새 첫 화면", slug="새-첫-화면")
        )
        site = self.tree.home.get_site()
        site.root_page = other
        site.save()
        self.assertContains(self.client.get("/"), "새 첫 화면")

    def test_republishing_updates_the_link_preview(self):
        self.assertContains(self.client.get(self.story.url), 'content="처음 제목"')
        story = self.story.get_latest_revision_as_object()
        story.title, story.search_description = "고친 제목", "고친 요약"
        story.save_revision().publish()
        response = self.client.get(self.story.url)
        self.assertContains(response, '<meta property="og:title" content="고친 제목">', html=True)
        self.assertContains(response, "고친 요약")
        self.assertNotContains(response, "처음 제목")
