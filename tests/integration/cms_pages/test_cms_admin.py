"""Editors' tools: the catalogue chooser, the story editor with products, registration exports."""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse

from cms_pages.models import EventRegistration
from commerce.core.roles import EDITORS
from tests.factories.editorial import author, goods, partner, product_blocks
from tests.factories.pages import PageTree


def modal_html(response) -> str:
    """Wagtail's chooser modals answer with JSON carrying the HTML."""
    return response.json()["html"]


class EditorToolsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.bakery = partner()
        cls.bread = goods("우리밀 통밀식빵", 6500, 10, enterprise=cls.bakery, upc="CEN-B-1")
        cls.jam = goods("딸기잼", 9000, 3, enterprise=cls.bakery, upc="CEN-B-2")
        cls.story = cls.tree.story(title="빵 이야기", body=product_blocks([cls.bread]))
        cls.event = cls.tree.event(title="봄 장터", capacity=10)
        EventRegistration.objects.create(event=cls.event, name="홍길동", phone="010-1234-5678")
        author("김하늘")
        cls.editor = get_user_model().objects.create_user(
            username="editor", email="editor@thecen.test", password="pw-for-tests"
        )
        cls.editor.groups.add(Group.objects.get(name=EDITORS))

    def setUp(self):
        self.client.force_login(self.editor)

    def test_the_product_chooser_lists_and_searches_the_catalogue(self):
        url = reverse("product_chooser:choose")
        html = modal_html(self.client.get(url))
        self.assertIn("우리밀 통밀식빵", html)
        self.assertIn("해님베이커리", html)
        results = self.client.get(reverse("product_chooser:choose_results"), {"q": "잼"})
        self.assertIn("딸기잼", results.content.decode())
        self.assertNotIn("우리밀 통밀식빵", results.content.decode())

    def test_the_enterprise_chooser_lists_partners(self):
        html = modal_html(self.client.get(reverse("partner_chooser:choose")))
        self.assertIn("해님베이커리", html)

    def test_the_story_editor_shows_the_chosen_product(self):
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=(self.story.pk,)))
        # the block's chooser state is serialised as JSON for the editor's JavaScript
        self.assertContains(response, json.dumps("우리밀 통밀식빵")[1:-1])

    def test_editors_list_filter_and_export_registrations(self):
        url = reverse("cms_pages_eventregistration_modeladmin_index")
        self.assertContains(self.client.get(url, {"status": "confirmed"}), "홍길동")
        export = self.client.get(url, {"export": "csv"})
        self.assertEqual(export.status_code, 200)
        body = export.content.decode("utf-8-sig")
        self.assertIn("홍길동", body)
        self.assertIn("010-1234-5678", body)

    def test_editors_manage_contents_creator_profiles(self):
        url = reverse("cms_pages_contentcreatorprofile_modeladmin_index")
        self.assertContains(self.client.get(url, {"q": "하늘"}), "김하늘")
