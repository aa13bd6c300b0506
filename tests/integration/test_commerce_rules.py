"""Commission rules by MC kind, category and campaign; the attribution service for campaigns."""

from decimal import Decimal

from django.http import HttpResponse
from django.test import RequestFactory, TestCase
from oscar.core.loading import get_class, get_model

from commerce.mc.models import Click, CommissionRule, MarketCreator
from commerce.mc.services import COOKIE_NAME, attribution_read, attribution_set, commission_rate
from tests.factories.commerce import create_customer, create_goods

Partner = get_model("partner", "Partner")
ProductCategory = get_model("catalogue", "ProductCategory")
create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")


class FakeLine:
    def __init__(self, product):
        self.product = product


class CommissionRuleTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        partner = Partner.objects.create(name="두레농장", code="dure")
        cls.food = create_from_breadcrumbs("먹거리 > 채소")
        cls.product = create_goods(partner=partner, title="채소 꾸러미", price=25000, stock=5)
        ProductCategory.objects.create(product=cls.product, category=cls.food)
        cls.mc = MarketCreator.objects.create(
            user=create_customer("co@example.kr"),
            name="마을법인",
            kind="corporate",
            email="co@example.kr",
            phone="02-123-4567",
            code="maeul",
            status="approved",
        )
        CommissionRule.objects.create(mc_kind="corporate", rate=Decimal("5"))
        CommissionRule.objects.create(mc_kind="corporate", category=cls.food, rate=Decimal("8"))
        CommissionRule.objects.create(mc_kind="corporate", campaign="spring", rate=Decimal("12"))
        CommissionRule.objects.create(mc_kind="celebrity", rate=Decimal("20"))

    def test_the_most_specific_rule_wins(self):
        line = FakeLine(self.product)
        self.assertEqual(commission_rate(mc=self.mc, line=line), Decimal("8"))
        self.assertEqual(commission_rate(mc=self.mc, line=line, campaign="spring"), Decimal("12"))
        self.assertEqual(commission_rate(mc=self.mc, line=line, campaign="autumn"), Decimal("8"))

    def test_a_campaign_page_sets_attribution_with_its_source_and_campaign(self):
        request = RequestFactory().get("/campaigns/spring/")
        response = HttpResponse()
        mc = attribution_set(
            request, response, mc_code="maeul", source_page="/campaigns/spring/", campaign="spring"
        )
        self.assertEqual(mc, self.mc)
        cookie = response.cookies[COOKIE_NAME]
        self.assertEqual(cookie["max-age"], 30 * 24 * 3600)
        self.assertTrue(cookie["httponly"])
        request.COOKIES[COOKIE_NAME] = cookie.value
        data = attribution_read(request)
        self.assertEqual(
            (data["mc"], data["src"], data["cmp"]), ("maeul", "/campaigns/spring/", "spring")
        )
        self.assertEqual(Click.objects.filter(mc=self.mc).count(), 1)

    def test_a_forged_cookie_is_ignored(self):
        request = RequestFactory().get("/")
        request.COOKIES[COOKIE_NAME] = "maeul"
        self.assertIsNone(attribution_read(request))
