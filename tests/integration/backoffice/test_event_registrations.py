"""Events: participants may bring no goods; registrants get a confirmation, the waiting list
is told when a place frees up, and a signed link in the mail cancels (one person, one place)."""

import re
from urllib.parse import unquote, urlsplit

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms_pages.models import EventIndexPage, EventPage, EventRegistration
from tests.factories.editorial import partner
from tests.factories.pages import PageTree


def cancel_link(message) -> str:
    """The path of the cancel link in a mail (the host is the site's)."""
    return unquote(urlsplit(re.search(r"https?://\S+/cancel/\S+/", message.body).group(0)).path)


class EventRegistrationMailTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.event = PageTree().event(title="봄 장터", capacity=1)

    def register(self, name, email):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                self.event.url + "register/", {"name": name, "email": email}, follow=True
            )

    def test_confirmation_waiting_list_cancel_link_and_promotion(self):
        self.register("김민지", "minji@example.kr")
        [confirmed] = mail.outbox
        self.assertEqual(confirmed.to, ["minji@example.kr"])
        self.assertIn("확정", confirmed.subject)
        self.assertIn("봄 장터", confirmed.body)

        self.register("이하늘", "haneul@example.kr")
        self.assertIn("대기", mail.outbox[1].subject)
        self.assertIn("대기 1번", mail.outbox[1].body)

        # the same person again is refused (main's rule stays)
        again = self.register("김민지", "MINJI@example.kr")
        self.assertContains(again, "이미 신청")
        self.assertEqual(EventRegistration.objects.count(), 2)

        # the link in the mail asks first; only the POST cancels
        link = cancel_link(confirmed)
        page = self.client.get(link)
        self.assertContains(page, "취소할까요", msg_prefix=f"{link} in {confirmed.body}")
        self.assertEqual(EventRegistration.objects.filter(status="confirmed").count(), 1)
        with self.captureOnCommitCallbacks(execute=True):
            done = self.client.post(link, follow=True)
        self.assertContains(done, "취소했습니다")

        statuses = dict(EventRegistration.objects.values_list("email", "status"))
        self.assertEqual(
            statuses, {"minji@example.kr": "cancelled", "haneul@example.kr": "confirmed"}
        )
        promoted = mail.outbox[-1]
        self.assertEqual(promoted.to, ["haneul@example.kr"])
        self.assertIn("참가 확정", promoted.subject)

        # a second POST of the same link changes nothing and sends nothing
        sent = len(mail.outbox)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(link)
        self.assertEqual(len(mail.outbox), sent)

    def test_a_forged_or_foreign_link_is_not_found(self):
        self.register("김민지", "minji@example.kr")
        link = cancel_link(mail.outbox[0])
        forged = link[:-3] + "xx/"
        self.assertEqual(self.client.post(forged).status_code, 404)
        other = PageTree(indexes=(), home=self.event.get_parent().get_parent().specific)
        second = other.event(title="가을 장터", capacity=5)
        token = link.rstrip("/").rsplit("/", 1)[1]
        self.assertEqual(self.client.post(f"{second.url}cancel/{token}/").status_code, 404)
        self.assertEqual(EventRegistration.objects.get().status, "confirmed")


class EventWithoutGoodsTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.enterprise = partner()
        cls.editor = get_user_model().objects.create_superuser(
            username="editor", email="editor@thecen.kr", password="pw-editor-123"
        )

    def test_an_event_whose_participants_bring_no_goods_can_be_saved(self):
        self.client.force_login(self.editor)
        data = nested_form_data(
            {
                "title": "돌봄 체험의 날",
                "slug": "care-day",
                "kind": "experience-day",
                "place_name": "마을회관",
                "address": "서울특별시 마포구 성미산로 25",
                "starts_at": "2026-12-20 10:00",
                "ends_at": "2026-12-20 16:00",
                "capacity": 30,
                "description": rich_text("<p>돌봄 서비스를 직접 체험해 보세요.</p>"),
                "programme": streamfield([]),
                "participants": streamfield(
                    [
                        (
                            "participant",
                            {
                                "enterprise": self.enterprise.pk,
                                "brings": "상담 부스",
                                "products": streamfield([]),
                            },
                        )
                    ]
                ),
                "action-publish": "publish",
            }
        )
        self.assertCanCreate(self.tree.events, EventPage, data)
        event = EventPage.objects.get(slug="care-day")
        self.assertContains(self.client.get(event.url), "상담 부스")
        self.assertIsInstance(self.tree.events.specific, EventIndexPage)
