"""The Wagtail page editor under malformed POSTs: no server error ever reaches the editor.

Wagtail reads a StreamField from its counters (``body-count``, ``body-N-type``, ``-order``,
``-deleted``); a missing or odd one raised KeyError/ValueError (a 500). Each page type's edit
form and the story's create form are posted as the browser shows them (the StreamField's own
inputs are drawn by JavaScript, so they are absent), and with each counter missing, non-numeric,
negative, huge or pointing past the blocks sent. Every answer is below 500; a damaged
StreamField is a Korean form error and nothing is saved.
"""

from django.contrib.auth import get_user_model
from django.test import Client, TestCase
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories.editorial import goods, partner, product_blocks
from tests.factories.mc import approved_mc
from tests.factories.pages import PageTree
from tests.security.test_fuzz import FormReader

DAMAGED = "내용이 온전하게 전달되지 않아 아무것도 저장하지 않았습니다"
COUNTS = ["abc", "", "1e309", "99999999999999999999", "5", "-1", "0.5", "가"]


def without(data: dict, key: str) -> dict:
    return {k: v for k, v in data.items() if k != key}


def story_form(product_pk: int, **fields) -> dict:
    return nested_form_data(
        {
            "title": "퍼즈 이야기",
            "slug": "퍼즈-이야기",
            "lead": "요약",
            "date": "2026-12-01",
            "service_group": "care",
            "region": "seoul",
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>본문</p>")),
                    ("product", {"product": product_pk, "note": ""}),
                ]
            ),
            **fields,
        }
    )


def mutations(data: dict):
    """(what, data) for each damaged counter of the story's body."""
    for value in COUNTS:
        yield f"body-count={value!r}", {**data, "body-count": value}
    yield "no body-count", without(data, "body-count")
    for key in ("body-0-type", "body-0-order", "body-0-deleted", "body-1-order"):
        yield f"no {key}", without(data, key)
        for value in ("abc", "-1", "99999999999999999999"):
            yield f"{key}={value!r}", {**data, key: value}
    for value in ("abc", "-1", "99999999999999999999", ""):
        yield f"product={value!r}", {**data, "body-1-value-product": value}
    yield "long block id", {**data, "body-0-id": "가" * 5000}


class AdminFormFuzzTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.bread = goods("우리밀 통밀식빵", 6500, 10, enterprise=partner())
        cls.story = cls.tree.story(title="고칠 이야기", body=product_blocks([cls.bread]))
        cls.pages = [
            cls.tree.home,
            cls.tree.stories,
            cls.story,
            cls.tree.enterprise(cls.bread.stockrecords.first().partner, title="해님베이커리"),
            cls.tree.event(title="가을 장터"),
            cls.tree.campaign(title="동네 꾸러미", market_creator=approved_mc(code="chorok")),
        ]
        cls.admin = get_user_model().objects.create_superuser("admin", "a@thecen.test", "pw")

    def setUp(self):
        self.client = Client(raise_request_exception=False)
        self.client.force_login(self.admin)
        self.sent, self.failures = 0, []

    def post(self, url: str, data: dict, what: str):
        response = self.client.post(url, data)
        self.sent += 1
        if response.status_code >= 500:
            self.failures.append(f"{response.status_code} {url} {what}")
        return response

    def test_every_page_types_edit_form_as_the_browser_shows_it(self):
        for page in self.pages:
            with self.subTest(page=page.specific_class.__name__):
                url = f"/cms/pages/{page.pk}/edit/"
                reader = FormReader()
                reader.feed(self.client.get(url).content.decode())
                (form,) = [f for f in reader.forms if "title" in f["fields"]][:1]
                data = {**form["fields"], "title": "퍼즈가 바꾼 제목"}
                streams = [k for k in data if k.endswith("-count") and "comments" not in k]
                response = self.post(url, data, "as shown")
                self.assertLess(response.status_code, 500)
                for count in ("abc", "99999999999999999999", "-1"):
                    fields = {**data, **{name: count for name in streams}}
                    self.assertLess(self.post(url, fields, f"counts={count}").status_code, 500)
                fields = page.specific_class._meta.get_fields()
                if any(isinstance(field, StreamField) for field in fields):
                    self.assertContains(response, DAMAGED)
                    self.assertNotEqual(
                        Page.objects.get(pk=page.pk).get_latest_revision_as_object().title,
                        "퍼즈가 바꾼 제목",
                    )
        print(f"\nadmin edit forms: {self.sent} POSTs, {len(self.failures)} answered >= 500")
        self.assertEqual(self.failures, [])

    def test_damaged_streamfield_counters_on_create_and_edit(self):
        create = f"/cms/pages/add/cms_pages/storypage/{self.tree.stories.pk}/"
        edit = f"/cms/pages/{self.story.pk}/edit/"
        good = story_form(self.bread.pk)
        self.assertEqual(self.post(create, good, "valid").status_code, 302)  # the form is right
        created = Page.objects.filter(title="퍼즈 이야기").count()

        damaged = []
        for what, data in mutations(story_form(self.bread.pk)):
            for url in (create, edit):
                title = f"퍼즈 {self.sent}"
                response = self.post(
                    url, {**data, "title": title, "slug": f"fuzz-{self.sent}"}, what
                )
                self.assertLess(response.status_code, 500, f"{url} {what}")
                if DAMAGED in response.content.decode():
                    damaged.append(title)
                    self.assertEqual(response.status_code, 200)
                    # nothing was saved: no new page, no new revision of the story
                    self.assertFalse(Page.objects.filter(title=title).exists(), what)
                    latest = Page.objects.get(pk=self.story.pk).get_latest_revision_as_object()
                    self.assertNotEqual(latest.title, title, what)
        damaged_counts = len(damaged)
        self.assertEqual(Page.objects.filter(title="퍼즈 이야기").count(), created)
        self.assertGreater(damaged_counts, 20)
        print(
            f"\nadmin story create/edit: {self.sent} POSTs, {damaged_counts} Korean form errors, "
            f"{len(self.failures)} answered >= 500"
        )
        self.assertEqual(self.failures, [])
