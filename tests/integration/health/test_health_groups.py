"""Health groups: listing and filters, join / leave / waiting list, the leader's member list,
and search."""

import datetime
import io

from django.test import TestCase

from health.models import GroupMembership
from search.registry import registry
from tests.factories.commerce import PASSWORD, create_customer
from tests.factories.health import HealthTree


class HealthGroupsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = HealthTree()
        cls.leader = create_customer("leader@example.kr", first_name="정새벽")
        cls.walking = cls.tree.group(title="갑천 아침 걷기반", capacity=2, leader_user=cls.leader)
        cls.tree.group(
            title="마음쉼 모임",
            theme="mind",
            region="seoul",
            weekday=3,
            start_time=datetime.time(19, 0),
        )
        cls.people = [create_customer(f"p{n}@example.kr", first_name=f"주민{n}") for n in range(3)]

    def as_(self, user):
        self.client.login(username=user.username, password=PASSWORD)

    def test_the_index_filters_by_region_theme_and_weekday(self):
        url = self.tree.groups.url
        self.assertEqual(len(self.client.get(url).context["groups"]), 2)
        only = self.client.get(url, {"region": "seoul"})
        self.assertEqual([g.title for g in only.context["groups"]], ["마음쉼 모임"])
        self.assertContains(only, "매주 목요일 19:00")
        self.assertEqual(
            [g.title for g in self.client.get(url, {"theme": "walking"}).context["groups"]],
            ["갑천 아침 걷기반"],
        )
        self.assertEqual(
            [g.title for g in self.client.get(url, {"weekday": "1"}).context["groups"]],
            ["갑천 아침 걷기반"],
        )

    def test_join_until_full_then_the_waiting_list_and_a_freed_place_goes_to_the_first_waiting(
        self,
    ):
        join = self.walking.url + "join/"
        for person in self.people:
            self.as_(person)
            response = self.client.post(join, follow=True)
        self.assertContains(response, "정원이 찼습니다. 대기자 명단에 올렸습니다.")
        self.assertContains(response, "대기자 명단에 있습니다.")
        statuses = list(
            GroupMembership.objects.filter(group=self.walking).values_list("status", flat=True)
        )
        self.assertEqual(statuses, ["member", "member", "waiting"])

        self.as_(self.people[0])
        response = self.client.post(self.walking.url + "leave/", follow=True)
        self.assertContains(response, "건강반에서 나왔습니다.")
        self.assertEqual(
            GroupMembership.objects.get(user=self.people[2]).status,
            GroupMembership.Status.MEMBER,
        )
        self.assertFalse(GroupMembership.objects.filter(user=self.people[0]).exists())

    def test_joining_twice_keeps_one_membership(self):
        self.as_(self.people[0])
        self.client.post(self.walking.url + "join/")
        self.client.post(self.walking.url + "join/")
        self.assertEqual(GroupMembership.objects.filter(user=self.people[0]).count(), 1)

    def test_a_signed_out_person_is_sent_to_log_in(self):
        response = self.client.post(self.walking.url + "join/")
        self.assertIn("/accounts/login/", response["Location"])
        response = self.client.get(self.walking.url)
        self.assertContains(response, "로그인하고 참여하기")

    def test_only_the_leader_sees_the_member_list(self):
        self.as_(self.people[0])
        self.client.post(self.walking.url + "join/")
        member_view = self.client.get(self.walking.url)
        self.assertContains(member_view, "이 건강반의 회원입니다.")
        self.assertNotContains(member_view, "회원 명단")
        self.as_(self.leader)
        leader_view = self.client.get(self.walking.url)
        self.assertContains(leader_view, "회원 명단 (리더만 볼 수 있음)")
        self.assertContains(leader_view, "p0@example.kr")

    def test_a_group_becomes_a_search_document_while_it_is_live(self):
        builder = registry["health_group"]
        document = dict(builder.documents([self.walking]))[f"health_group-{self.walking.pk}"]
        self.assertEqual(document["title"], "갑천 아침 걷기반")
        self.assertEqual(document["region"], "daejeon")
        self.assertIn("걷기", document["tags"])
        self.assertEqual(document["url"], self.walking.url)
        self.walking.unpublish()
        self.assertNotIn(self.walking.pk, builder.get_queryset().values_list("pk", flat=True))


class LeaderMessagesAndRemindersTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        from django.utils import timezone

        cls.tree = HealthTree()
        cls.leader = create_customer("leader@example.kr")
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        cls.group = cls.tree.group(
            title="갑천 아침 걷기반", capacity=2, leader_user=cls.leader, weekday=tomorrow.weekday()
        )
        cls.other_day = cls.tree.group(title="마음쉼 모임", weekday=(tomorrow.weekday() + 3) % 7)
        cls.people = [create_customer(f"p{n}@example.kr") for n in range(3)]
        from health.services import group_join

        for person in cls.people:
            group_join(group=cls.group, user=person)
            group_join(group=cls.other_day, user=person)

    def test_the_leader_writes_to_the_members_who_stay_hidden_from_each_other(self):
        from django.core import mail

        self.client.login(username="leader", password=PASSWORD)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                self.group.url + "message/",
                {"subject": "비 예보", "body": "내일은 우산을 챙겨 오세요."},
                follow=True,
            )
        self.assertContains(response, "회원 2명에게 메시지를 보냈습니다.")
        (message,) = mail.outbox
        self.assertEqual(message.subject, "[갑천 아침 걷기반] 비 예보")
        self.assertEqual(message.to, [])
        self.assertEqual(sorted(message.bcc), ["p0@example.kr", "p1@example.kr"])

    def test_a_member_who_is_not_the_leader_cannot_write_to_the_group(self):
        from django.core import mail

        self.client.login(username="p0", password=PASSWORD)
        response = self.client.post(self.group.url + "message/", {"subject": "a", "body": "b"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(mail.outbox, [])

    def test_members_are_reminded_once_the_day_before_a_meeting(self):
        from django.core import mail

        self.health_daily()
        (reminder,) = mail.outbox
        self.assertIn("내일 갑천 아침 걷기반 모임이 있습니다", reminder.subject)
        self.assertIn("갑천 둔치", reminder.body)
        # members only, not the waiting list
        self.assertEqual(sorted(reminder.bcc), ["p0@example.kr", "p1@example.kr"])
        self.health_daily()
        self.assertEqual(len(mail.outbox), 1)

    def health_daily(self):
        from django.core.management import call_command

        with self.captureOnCommitCallbacks(execute=True):
            call_command("health_daily", stdout=io.StringIO())

    def _tomorrow_at(self, hour, minute=0):
        from django.utils import timezone

        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        return datetime.datetime.combine(
            tomorrow, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
        )

    def test_a_one_off_session_is_reminded_the_day_before_and_only_once(self):
        from django.core import mail

        from health.models import HealthGroupSession

        # 마음쉼 모임 does not meet weekly tomorrow, only for this one-off session
        HealthGroupSession.objects.create(
            page=self.other_day, starts_at=self._tomorrow_at(18, 30), note="특별 강연: 숨 고르기"
        )
        self.health_daily()
        by_title = {m.subject: m for m in mail.outbox}
        self.assertEqual(len(mail.outbox), 2)
        (session_mail,) = [m for s, m in by_title.items() if "마음쉼 모임" in s]
        self.assertIn("내일 마음쉼 모임 모임이 있습니다", session_mail.subject)
        self.assertIn("18:30", session_mail.body)
        self.assertIn("특별 강연: 숨 고르기", session_mail.body)
        self.assertEqual(
            sorted(session_mail.bcc), ["p0@example.kr", "p1@example.kr", "p2@example.kr"]
        )
        self.health_daily()
        self.assertEqual(len(mail.outbox), 2)

    def test_late_joiners_and_sessions_added_later_are_reminded_without_repeats(self):
        from django.core import mail

        from health.models import HealthGroupSession
        from health.services import group_leave

        self.health_daily()
        self.assertEqual(len(mail.outbox), 1)
        # p0 leaves; p2 moves up from the waiting list and has not been reminded yet
        group_leave(group=self.group, user=self.people[0])
        self.health_daily()
        self.assertEqual(len(mail.outbox), 2)
        self.assertEqual(mail.outbox[1].bcc, ["p2@example.kr"])
        # an extra evening session the same day is a meeting of its own
        HealthGroupSession.objects.create(page=self.group, starts_at=self._tomorrow_at(19))
        self.health_daily()
        self.assertEqual(len(mail.outbox), 3)
        self.assertIn("19:00", mail.outbox[2].body)
        self.assertEqual(sorted(mail.outbox[2].bcc), ["p1@example.kr", "p2@example.kr"])
        self.health_daily()
        self.assertEqual(len(mail.outbox), 3)
