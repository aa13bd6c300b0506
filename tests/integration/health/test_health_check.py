"""Taking a self-check: branching, scoring, result rules and live recommendations."""

import pytest
from django.core import signing
from django.test import TestCase
from oscar.core.loading import get_model
from wagtail.test.utils import WagtailPageTestCase

from cms_pages.models import HomePage
from commerce.bookings.models import Booking, Slot
from commerce.bookings.selectors import service_times
from health.models import (
    CheckTally,
    FollowTally,
    HealthCheckPage,
    HealthGroupIndexPage,
    SavedResult,
    ScoreTally,
)
from health.views import RESULT_COOKIE, RESULT_SALT
from tests.factories.commerce import create_customer
from tests.factories.editorial import partner
from tests.factories.health import HELP, HealthTree

Product = get_model("catalogue", "Product")

LOW_MOOD = {
    "q-walk": "b",
    "q-mood": "b",
    "q-mood2": "b",
    "q-sleep": "4",
    "q-life": ["a"],
    "region": "daejeon",
}


def build_recommendable_tree():
    tree = HealthTree()
    seoul = partner("햇살돌봄", "haessal")
    daejeon = partner("새싹돌봄", "saessak")
    tree.enterprise(seoul, region="seoul")
    tree.enterprise(daejeon, region="daejeon", slug="새싹돌봄")
    tree.far_service = tree.health_service(partner=seoul, title="서울 걷기 상담")
    tree.near_service = tree.health_service(partner=daejeon, title="대전 걷기 상담", capacity=1)
    tree.goods = tree.health_goods(partner=daejeon, title="싱거운 반찬 꾸러미")
    tree.walk_story = tree.story(title="걷기반 이웃 이야기", tags=["건강"], region="daejeon")
    tree.walking = tree.group(title="갑천 아침 걷기반", region="daejeon")
    tree.seoul_walking = tree.group(title="성미산 걷기반", region="seoul", weekday=0)
    tree.cooking = tree.group(title="요리교실", theme="cooking")
    tree.fair = tree.event(title="건강상점 체험의 날", kind="experience-day", region="daejeon")
    tree.market = tree.event(title="봄 장터", kind="market-fair")
    tree.rule(
        "activity",
        2,
        advice="이웃과 함께 걸어 보세요.",
        category=tree.health_category,
        group_theme="walking",
        event_kind="experience-day",
    )
    tree.rule("activity", 0, 1, advice="지금처럼 꾸준히 움직이세요.")
    tree.rule("mood", 3, story_tag="건강", category=tree.food_category)
    tree.rule("mood", 8, warning=HELP)
    return tree


class TakingTheCheckTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_recommendable_tree()
        cls.check = cls.tree.check

    def take(self, data, **kwargs):
        return self.client.post(self.check.url, data, **kwargs)

    def test_the_check_page_shows_its_questions_and_says_it_is_not_a_diagnosis(self):
        response = self.client.get(self.check.url)
        self.assertContains(response, "지난 일주일 동안 30분 넘게 걸은 날은?")
        self.assertContains(response, "의학적 진단이 아닙니다")
        # the follow-up question is there for the browser to reveal, marked with its condition
        self.assertContains(response, 'data-show-if="mood"')

    def test_an_unanswered_required_question_sends_the_person_back_and_counts_nothing(self):
        response = self.take({"q-walk": "a"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "이 질문에 답해 주세요.")
        self.assertNotIn(RESULT_COOKIE, response.cookies)
        self.assertFalse(CheckTally.objects.exists())

    def test_the_result_explains_each_dimension_and_where_the_person_stands(self):
        response = self.take(LOW_MOOD, follow=True)
        self.assertContains(response, "나의 결과: 1분 건강 체크")
        self.assertContains(response, "몸을 얼마나 움직이는지 봅니다.")
        # activity 4 + life "a" 0 of a possible 0..5 → 80 out of 100
        self.assertContains(response, "도움이 필요한 정도: 100 중 80")
        self.assertContains(response, "이웃과 함께 걸어 보세요.")
        self.assertNotContains(response, "지금처럼 꾸준히 움직이세요.")
        self.assertContains(response, "의학적 진단이 아닙니다")

    def test_answers_past_a_warning_threshold_show_where_to_get_medical_help(self):
        response = self.take(LOW_MOOD, follow=True)
        self.assertContains(response, "전문가의 도움을 받으세요")
        self.assertContains(response, HELP)
        calm = {**LOW_MOOD, "q-mood": "a", "q-mood2": "b"}  # the follow-up is hidden: ignored
        response = self.take(calm, follow=True)
        self.assertNotContains(response, HELP)

    def test_recommendations_are_live_nearest_first_and_link_where_to_act(self):
        # given the Daejeon service is fully booked at its first time
        first = service_times(service=self.tree.near_service)[0][0]
        slot = Slot.objects.create(service=self.tree.near_service, starts_at=first, capacity=1)
        Booking.objects.create(
            slot=slot, user=create_customer("busy@example.kr"), status=Booking.Status.CONFIRMED
        )
        response = self.take(LOW_MOOD, follow=True)
        recs = response.context["recommendations"]
        # services of the category, nearest region first, with the next free time
        self.assertEqual([r.title for r in recs.services], ["대전 걷기 상담", "서울 걷기 상담"])
        near = recs.services[0]
        self.assertGreater(near.next_slot, first)
        self.assertEqual(near.price.incl_tax, 30000)
        self.assertContains(response, "가장 빠른 예약 가능 시간")
        self.assertEqual([r.title for r in recs.groups], ["갑천 아침 걷기반", "성미산 걷기반"])
        self.assertEqual([r.title for r in recs.events], ["건강상점 체험의 날"])
        self.assertEqual([r.title for r in recs.stories], ["걷기반 이웃 이야기"])
        self.assertEqual([r.title for r in recs.goods], ["싱거운 반찬 꾸러미"])
        # each links, through an anonymous counter, to where it can be booked
        link = f"/health/go/service/{self.tree.near_service.product_id}/"
        self.assertContains(response, link)
        followed = self.client.get(link)
        self.assertRedirects(
            followed,
            self.tree.near_service.product.get_absolute_url(),
            fetch_redirect_response=False,
        )
        tally = FollowTally.objects.get()
        self.assertEqual((tally.kind, tally.label, tally.count), ("service", "대전 걷기 상담", 1))

    def test_an_unavailable_service_is_not_recommended(self):
        Product.objects.filter(pk=self.tree.far_service.product_id).update(is_public=False)
        response = self.take(LOW_MOOD, follow=True)
        titles = [r.title for r in response.context["recommendations"].services]
        self.assertEqual(titles, ["대전 걷기 상담"])

    def test_the_result_is_kept_only_in_a_signed_browser_cookie(self):
        response = self.take(LOW_MOOD)
        cookie = response.cookies[RESULT_COOKIE]
        # a browser-session cookie the page scripts cannot read
        self.assertEqual(cookie["max-age"], "")
        self.assertTrue(cookie["httponly"])
        data = signing.loads(cookie.value, salt=RESULT_SALT)
        self.assertEqual(data["s"], {"activity": 4, "mood": 11, "sleep": 3})
        self.assertNotIn("walk", str(data))  # scores only, no answers
        self.assertFalse(SavedResult.objects.exists())
        # a forged cookie is ignored
        self.client.cookies[RESULT_COOKIE] = cookie.value[:-2] + "xx"
        response = self.client.get(self.check.url + "result/")
        self.assertRedirects(response, self.check.url)

    def test_operators_get_anonymous_counts_and_score_buckets(self):
        self.take(LOW_MOOD)
        self.take({**LOW_MOOD, "q-walk": "a"})
        self.assertEqual(CheckTally.objects.get().count, 2)
        buckets = dict(
            ScoreTally.objects.filter(dimension="activity").values_list("bucket", "count")
        )
        self.assertEqual(buckets, {4: 1, 0: 1})
        for model in (CheckTally, ScoreTally, FollowTally):
            related = {f.related_model for f in model._meta.get_fields() if f.is_relation}
            self.assertEqual(related, {HealthCheckPage})


@pytest.mark.django_db
def test_the_result_page_reads_recommendations_in_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    tree = build_recommendable_tree()
    enterprise = partner("함께돌봄", "hamkke")
    for n in range(8):
        tree.health_service(partner=enterprise, title=f"건강 상담 {n}")
        tree.health_goods(partner=enterprise, title=f"건강 반찬 {n}")
        tree.group(title=f"걷기반 {n}")
        tree.story(title=f"건강 이야기 {n}", tags=["건강"])
        tree.event(title=f"체험의 날 {n}", kind="experience-day")
    # reading the questions costs no query per answer or score
    with django_assert_max_num_queries(15):
        client.get(tree.check.url)
    client.post(tree.check.url, LOW_MOOD)
    with django_assert_max_num_queries(40):
        response = client.get(tree.check.url + "result/")
    recs = response.context["recommendations"]
    assert len(recs.services) == len(recs.goods) == len(recs.groups) == len(recs.stories) == 4
    assert all(r.next_slot for r in recs.services)


class EditorsBuildChecksTest(WagtailPageTestCase):
    def test_a_self_check_and_a_group_index_can_be_made_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, HealthCheckPage)
        self.assertCanCreateAt(HomePage, HealthGroupIndexPage)

    def test_a_condition_must_point_to_an_earlier_question(self):
        from django.core.exceptions import ValidationError

        from tests.factories.health import QUESTIONS

        page = HealthCheckPage(title="잘못된 체크", slug="x", kind="quick")
        page.questions = [QUESTIONS[2], QUESTIONS[1]]  # the follow-up before its question
        with self.assertRaises(ValidationError):
            page.clean()
