"""Operators edit commission rules and MC profiles in the Wagtail admin."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.test import TestCase
from oscar.core.loading import get_class

from commerce.core.roles import EDITORS
from commerce.mc.models import CommissionRule
from tests.factories.mc import approved_mc
from tests.factories.pages import PageTree

create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")

SCOPE_TAKEN = "같은 적용 범위(MC 유형, 분류, 캠페인)의 규칙이 이미 있습니다."


class CommissionRuleAdminTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.operator = get_user_model().objects.create_superuser(
            username="ops", email="ops@thecen.kr", password="pw-ops-12345"
        )
        cls.food = create_from_breadcrumbs("먹거리 > 채소")
        cls.mc = approved_mc(code="chorok", name="초록손 MC")
        cls.spring = cls.tree.campaign(title="봄 꾸러미", market_creator=cls.mc)
        CommissionRule.objects.create(mc_kind="individual", rate=Decimal("7"))

    def setUp(self):
        self.client.force_login(self.operator)

    def create(self, **data):
        form = {"mc_kind": "individual", "category": "", "campaign": "", "rate": "10"}
        return self.client.post("/cms/mc/commissionrule/create/", {**form, **data}, follow=True)

    def test_a_rate_outside_0_to_100_is_refused_in_korean(self):
        response = self.create(rate="150", campaign=self.spring.pk)
        self.assertContains(response, "수수료율은 100%를 넘을 수 없습니다.")
        response = self.create(rate="-1", campaign=self.spring.pk)
        self.assertContains(response, "수수료율은 0%보다 낮을 수 없습니다.")
        self.assertEqual(CommissionRule.objects.count(), 1)

    def test_a_second_rule_for_the_same_scope_is_refused(self):
        response = self.create(rate="9")
        self.assertContains(response, SCOPE_TAKEN)
        self.create(rate="12", campaign=self.spring.pk, category=self.food.pk)
        response = self.create(rate="13", campaign=self.spring.pk, category=self.food.pk)
        self.assertContains(response, SCOPE_TAKEN)
        self.assertEqual(CommissionRule.objects.count(), 2)

    def test_editing_a_rule_keeps_its_own_scope(self):
        rule = CommissionRule.objects.get()
        response = self.client.post(
            f"/cms/mc/commissionrule/edit/{rule.pk}/",
            {"mc_kind": "individual", "category": "", "campaign": "", "rate": "8.5"},
            follow=True,
        )
        self.assertNotContains(response, SCOPE_TAKEN)
        rule.refresh_from_db()
        self.assertEqual(rule.rate, Decimal("8.5"))

    def test_the_list_shows_each_scope_in_words(self):
        self.create(rate="12", campaign=self.spring.pk, category=self.food.pk)
        listing = self.client.get("/cms/mc/commissionrule/")
        self.assertContains(listing, "개인 MC · 모든 분류 · 모든 캠페인")
        self.assertContains(listing, "개인 MC · 분류 먹거리 &gt; 채소 · 캠페인 “봄 꾸러미”")

    def test_the_database_refuses_a_duplicate_scope_too(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            CommissionRule.objects.create(mc_kind="individual", rate=Decimal("9"))
        with self.assertRaises(IntegrityError), transaction.atomic():
            CommissionRule.objects.create(mc_kind="corporate", rate=Decimal("101"))
        CommissionRule.objects.create(mc_kind="individual", campaign=self.spring, rate=Decimal("9"))
        with self.assertRaises(IntegrityError), transaction.atomic():
            CommissionRule.objects.create(
                mc_kind="individual", campaign=self.spring, rate=Decimal("10")
            )


class MarketCreatorProfileAdminTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.operator = get_user_model().objects.create_superuser(
            username="ops", email="ops@thecen.kr", password="pw-ops-12345"
        )
        cls.chorok = approved_mc(code="chorok", name="초록손 MC", region="서울 성동구")
        cls.daun = approved_mc(
            code="daun",
            name="정다운 MC",
            kind="public-interest",
            region="대전 서구",
            bio="둔산동 아파트 이웃의 돌봄을 잇습니다.",
        )

    def setUp(self):
        self.client.force_login(self.operator)

    def test_list_filter_search_and_export(self):
        listing = self.client.get("/cms/mc/marketcreator/")
        self.assertContains(listing, "초록손 MC")
        self.assertContains(listing, "대전 서구")
        filtered = self.client.get("/cms/mc/marketcreator/?kind=public-interest")
        self.assertContains(filtered, "정다운 MC")
        self.assertNotContains(filtered, "초록손 MC")
        found = self.client.get("/cms/mc/marketcreator/?q=성동구")
        self.assertContains(found, "초록손 MC")
        self.assertNotContains(found, "정다운 MC")
        export = self.client.get("/cms/mc/marketcreator/?export=csv")
        text = export.content.decode("utf-8-sig")
        self.assertIn("초록손 MC", text)
        self.assertIn("대전 서구", text)

    def test_an_editor_writes_a_profile_that_readers_see_on_the_campaign(self):
        response = self.client.post(
            f"/cms/mc/marketcreator/edit/{self.chorok.pk}/",
            {
                "name": "초록손 MC",
                "kind": "individual",
                "email": "chorok@mc.example",
                "phone": "010-1234-5678",
                "community": "성동구 골목 상인회",
                "photo": "",
                "bio": "가게 쓰레기를 줄이는 방법을 이웃과 나눕니다.",
                "region": "서울 성동구 성수동",
                "website": "https://chorok.example.kr",
                "social_link": "",
                "withholding_rate": "3.30",
            },
        )
        self.assertEqual(response.status_code, 302)
        tree = PageTree()
        campaign = tree.campaign(title="리필 가게 응원", market_creator=self.chorok)
        page = self.client.get(campaign.url)
        self.assertContains(page, 'data-testid="mc-card-name">초록손 MC<')
        self.assertContains(page, "개인 마켓크리에이터")
        self.assertContains(page, "가게 쓰레기를 줄이는 방법을 이웃과 나눕니다.")
        self.assertContains(page, "서울 성동구 성수동")
        self.assertContains(page, 'href="https://chorok.example.kr"')


class EditorsManageProfilesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        from django.contrib.auth.models import Group

        cls.editor = get_user_model().objects.create_user(
            username="editor", email="editor@thecen.kr", password="pw-for-tests"
        )
        cls.editor.groups.add(Group.objects.get(name=EDITORS))
        cls.mc = approved_mc(code="chorok", name="초록손 MC")

    def test_an_editor_edits_profiles_but_cannot_pay_out(self):
        self.client.force_login(self.editor)
        self.assertContains(self.client.get("/cms/mc/marketcreator/"), "초록손 MC")
        edit = self.client.get(f"/cms/mc/marketcreator/edit/{self.mc.pk}/")
        self.assertContains(edit, "공개 프로필")
        self.assertNotContains(self.client.get("/cms/mc/marketcreator/"), "/payout/")
        self.assertNotEqual(self.client.get(f"/cms/mc/{self.mc.pk}/payout/").status_code, 200)
        self.assertNotEqual(self.client.get("/cms/mc/payoutstatement/").status_code, 200)
