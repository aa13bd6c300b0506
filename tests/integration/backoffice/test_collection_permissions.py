"""Each editorial role uploads and chooses the images, documents and snippets of its own
collection, and cannot reach the others' (issue #15 §1)."""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms_pages.models import StoryPage
from commerce.core.roles import CONTENTS_CREATORS, EDITORS, MARKET_CREATORS
from tests.factories.commerce import create_partner_user
from tests.factories.editorial import partner
from tests.factories.pages import PageTree

SNIPPETS = "/cms/snippets/health/dimension/"


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "green").save(buffer, "PNG")
    return SimpleUploadedFile("사진.png", buffer.getvalue(), content_type="image/png")


def member(username, group_name):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@thecen.test", password="pw-for-tests"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


class CollectionPermissionTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.cc = member("cc", CONTENTS_CREATORS)
        cls.editor = member("editor", EDITORS)
        cls.mc = member("mc", MARKET_CREATORS)
        cls.partner_user = create_partner_user(partner(), "bakery@partner.example")
        cls.stories = Collection.objects.get(name="이야기 자료")
        cls.mc_material = Collection.objects.get(name="마켓크리에이터 자료")

    def upload(self, user, title, collection):
        """Upload an image and a document from the choosers, as the page editor does."""
        self.client.force_login(user)
        image = self.client.post(
            "/cms/images/chooser/create/",
            {
                "image-chooser-upload-title": title,
                "image-chooser-upload-file": png(),
                "image-chooser-upload-tags": "",
                "image-chooser-upload-collection": collection.pk,
            },
        )
        document = self.client.post(
            "/cms/documents/chooser/create/",
            {
                "document-chooser-upload-title": title,
                "document-chooser-upload-file": SimpleUploadedFile("안내.txt", b"hello"),
                "document-chooser-upload-tags": "",
                "document-chooser-upload-collection": collection.pk,
            },
        )
        return image, document

    def chooser_titles(self, user, url):
        self.client.force_login(user)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.json()["html"]

    def test_a_contents_creator_uploads_and_chooses_in_the_stories_collection(self):
        image, document = self.upload(self.cc, "빵집 새벽", self.stories)
        self.assertEqual(image.json().get("step"), "chosen")
        self.assertEqual(document.status_code, 200, document.content[:300])
        self.assertEqual(Image.objects.get(title="빵집 새벽").collection, self.stories)
        self.assertEqual(Document.objects.get(title="빵집 새벽").collection, self.stories)
        self.upload(self.mc, "MC 전단지", self.mc_material)

        images = self.chooser_titles(self.cc, "/cms/images/chooser/")
        self.assertIn("빵집 새벽", images)
        self.assertNotIn("MC 전단지", images)
        self.assertIn("업로드", images)  # the upload tab is there
        self.assertIn("빵집 새벽", self.chooser_titles(self.cc, "/cms/documents/chooser/"))
        self.assertNotIn("MC 전단지", self.chooser_titles(self.cc, "/cms/documents/chooser/"))
        # the health dimensions are the editors' snippet
        self.assertNotEqual(self.client.get(SNIPPETS).status_code, 200)

    def test_a_market_creator_has_a_collection_of_their_own(self):
        self.upload(self.cc, "빵집 새벽", self.stories)
        image, document = self.upload(self.mc, "MC 전단지", self.mc_material)
        self.assertEqual(image.status_code, 200)
        self.assertEqual(Image.objects.get(title="MC 전단지").collection, self.mc_material)
        self.assertEqual(Document.objects.get(title="MC 전단지").collection, self.mc_material)
        images = self.chooser_titles(self.mc, "/cms/images/chooser/")
        self.assertIn("MC 전단지", images)
        self.assertNotIn("빵집 새벽", images)
        self.assertNotEqual(self.client.get(SNIPPETS).status_code, 200)

    def test_an_editor_reaches_every_collection_and_the_snippets(self):
        self.upload(self.cc, "빵집 새벽", self.stories)
        self.upload(self.mc, "MC 전단지", self.mc_material)
        image, document = self.upload(self.editor, "편집부 사진", self.stories)
        self.assertEqual(image.status_code, 200)
        images = self.chooser_titles(self.editor, "/cms/images/chooser/")
        self.assertIn("빵집 새벽", images)
        self.assertIn("MC 전단지", images)
        self.assertIn("편집부 사진", images)
        self.assertEqual(self.client.get(SNIPPETS).status_code, 200)
        # and nobody uploads into a collection that is not theirs
        image, _document = self.upload(self.cc, "몰래 올린 사진", self.mc_material)
        self.assertFalse(
            Image.objects.filter(title="몰래 올린 사진", collection=self.mc_material).exists()
        )

    def test_a_partner_has_no_way_into_the_cms_choosers(self):
        self.client.force_login(self.partner_user)
        for url in ("/cms/images/chooser/", "/cms/documents/chooser/", SNIPPETS):
            response = self.client.get(url)
            self.assertIn(response.status_code, (302, 403), url)
        self.assertFalse(Image.objects.exists())

    def test_an_empty_image_block_is_refused_even_in_a_draft(self):
        self.client.force_login(self.cc)
        url = f"/cms/pages/add/cms_pages/storypage/{self.tree.stories.pk}/"
        data = {
            "title": "빈 사진",
            "slug": "빈-사진",
            "lead": "사진을 깜빡했어요",
            "date": "2026-03-02",
            "body": streamfield([("image", {"image": "", "decorative": "", "alt_text": ""})]),
        }
        response = self.client.post(url, nested_form_data(data))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(StoryPage.objects.filter(slug="빈-사진").exists())
