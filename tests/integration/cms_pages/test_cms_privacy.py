"""Pages behind a view restriction stay out of every public list, and their readers see them."""

from django.test import TestCase
from wagtail.models import Page, PageViewRestriction

from cms_pages.models import StoryIndexPage, StoryPage
from cms_pages.selectors import public, story_list
from tests.factories.pages import PageTree


class PrivacyTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.open_story = cls.tree.story(title="누구나 읽는 이야기")
        cls.locked_story = cls.tree.story(title="암호로 잠근 이야기")
        PageViewRestriction.objects.create(
            page=cls.locked_story, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        members = cls.tree.home.add_child(
            instance=StoryIndexPage(title="조합원 소식", slug="조합원-소식")
        )
        PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
        cls.members_story = members.add_child(
            instance=StoryPage(title="조합원만 보는 이야기", slug="조합원만", lead="총회 안내")
        )
        # A sibling whose path begins like the restricted index's must stay public.
        cls.neighbour = cls.tree.home.add_child(
            instance=StoryIndexPage(title="이웃 소식", slug="이웃-소식")
        )
        cls.neighbour_story = cls.neighbour.add_child(
            instance=StoryPage(title="이웃 이야기", slug="이웃-이야기", lead="장터 소식")
        )

    def test_lists_leave_out_restricted_pages_and_their_children(self):
        titles = {story.title for story in story_list()}
        self.assertEqual(titles, {"누구나 읽는 이야기", "이웃 이야기"})

    def test_same_pages_as_wagtails_public(self):
        for queryset in (Page.objects.all(), Page.objects.live(), StoryPage.objects.all()):
            with self.subTest(model=queryset.model.__name__):
                self.assertEqual(
                    set(public(queryset).values_list("pk", flat=True)),
                    set(queryset.public().values_list("pk", flat=True)),
                )

    def test_the_home_page_lists_only_public_stories(self):
        response = self.client.get("/")
        self.assertContains(response, "누구나 읽는 이야기")
        self.assertNotContains(response, "암호로 잠근 이야기")
        self.assertNotContains(response, "조합원만 보는 이야기")

    def test_a_restricted_story_asks_for_its_password(self):
        response = self.client.get(self.locked_story.url)
        self.assertNotContains(response, "암호로 잠근 이야기", status_code=200)
