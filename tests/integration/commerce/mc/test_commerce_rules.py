"""Commission rules by MC kind, category and campaign; a campaign page attributes to its MC."""

import re
from decimal import Decimal

from django.test import RequestFactory, TestCase
from oscar.core.loading import get_class, get_model

from commerce.mc.models import Click, CommissionRule
from commerce.mc.services import COOKIE_NAME, attribution_read, commission_rate
from tests.factories.commerce import create_goods
from tests.factories.mc import approved_mc
from tests.factories.pages import PageTree

Partner = get_model("partner", "Partner")
ProductCategory = get_model("catalogue", "ProductCategory")
create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")


class FakeLine:
    def __init__(self, product):
        self.product = product


class CommissionRuleTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        partner = Partner.objects.create(name="두레농장", code="dure")
        cls.food = create_from_breadcrumbs("먹거리 > 채소")
        cls.crafts = create_from_breadcrumbs("생활용품 > 공예")
        cls.product = create_goods(partner=partner, title="채소 꾸러미", price=25000, stock=5)
        ProductCategory.objects.create(product=cls.product, category=cls.food)
        cls.plain = create_goods(partner=partner, title="분류 없는 상품", price=1000, stock=5)
        cls.mc = approved_mc(code="maeul", name="마을법인", kind="corporate")
        cls.spring = cls.tree.campaign(title="봄 꾸러미", market_creator=cls.mc)
        cls.autumn = cls.tree.campaign(title="가을 꾸러미", market_creator=cls.mc)
        cls.ended = cls.tree.campaign(
            title="지난 꾸러미", market_creator=cls.mc, starts_in=-30, lasts=5
        )
        CommissionRule.objects.create(mc_kind="corporate", rate=Decimal("5"))
        CommissionRule.objects.create(mc_kind="corporate", category=cls.food, rate=Decimal("8"))
        CommissionRule.objects.create(mc_kind="corporate", campaign=cls.spring, rate=Decimal("12"))
        CommissionRule.objects.create(
            mc_kind="corporate", campaign=cls.autumn, category=cls.crafts, rate=Decimal("15")
        )
        CommissionRule.objects.create(mc_kind="celebrity", rate=Decimal("20"))

    def test_the_most_specific_rule_wins(self):
        line = FakeLine(self.product)
        # kind < category < campaign
        self.assertEqual(commission_rate(mc=self.mc, line=line), Decimal("8"))
        self.assertEqual(
            commission_rate(mc=self.mc, line=line, campaign_id=self.spring.pk), Decimal("12")
        )
        # the autumn rule is for crafts only: vegetables fall back to the category rule
        self.assertEqual(
            commission_rate(mc=self.mc, line=line, campaign_id=self.autumn.pk), Decimal("8")
        )
        self.assertEqual(commission_rate(mc=self.mc, line=FakeLine(self.plain)), Decimal("5"))
        celebrity = approved_mc(code="star", kind="celebrity")
        self.assertEqual(commission_rate(mc=celebrity, line=line), Decimal("20"))

    def visit(self, page):
        """A browser's visit: the page, then the images on it (the visit beacon among them)."""
        response = self.client.get(page.url)
        for src in re.findall(r'<img src="([^"]+)"[^>]*data-testid="visit-beacon"', response.text):
            self.client.get(src)
        return response

    def test_a_running_campaign_page_credits_its_mc_and_itself(self):
        response = self.visit(self.spring)
        self.assertContains(response, 'data-testid="mc-card-name">마을법인<')
        cookie = self.client.cookies[COOKIE_NAME]
        self.assertEqual(cookie["max-age"], 30 * 24 * 3600)
        self.assertTrue(cookie["httponly"])
        request = RequestFactory().get("/")
        request.COOKIES[COOKIE_NAME] = cookie.value
        data = attribution_read(request)
        self.assertEqual(
            (data["mc"], data["src"], data["cmp"]), ("maeul", self.spring.url, self.spring.pk)
        )
        self.assertEqual(Click.objects.filter(mc=self.mc).count(), 1)
        # reloading the campaign is not another arrival; another campaign of the MC is
        self.visit(self.spring)
        self.assertEqual(Click.objects.filter(mc=self.mc).count(), 1)
        self.visit(self.autumn)
        self.assertEqual(Click.objects.filter(mc=self.mc).count(), 2)

    def test_an_ended_campaign_credits_nobody(self):
        self.visit(self.ended)
        self.assertNotIn(COOKIE_NAME, self.client.cookies)

    def test_a_forged_cookie_is_ignored(self):
        request = RequestFactory().get("/")
        request.COOKIES[COOKIE_NAME] = "maeul"
        self.assertIsNone(attribution_read(request))
