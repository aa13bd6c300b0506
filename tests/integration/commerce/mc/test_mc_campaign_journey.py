"""A reader buys from an MC's campaign: the sale, its campaign rate and the ledger follow it."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from commerce.mc.models import CommissionRule, LedgerEntry, OrderAttribution
from commerce.orderpayments.services import order_payment_confirm
from tests.factories.commerce import checkout_pay, create_customer, create_goods
from tests.factories.editorial import product_blocks
from tests.factories.mc import approved_mc
from tests.factories.pages import PageTree
from tests.factories.portone import ADDRESS

Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")


class CampaignSaleJourneyTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        partner = Partner.objects.create(name="그린루프", code="green-loop")
        cls.soap = create_goods(partner=partner, title="리필 주방세제", price=10000, stock=20)
        cls.mc = approved_mc(code="chorok", name="초록손 MC")
        cls.campaign = cls.tree.campaign(
            title="제로웨이스트 가게 응원전",
            market_creator=cls.mc,
            body=product_blocks([cls.soap]),
        )
        CommissionRule.objects.create(mc_kind="individual", rate=Decimal("7"))
        CommissionRule.objects.create(
            mc_kind="individual", campaign=cls.campaign, rate=Decimal("12")
        )
        cls.operator = get_user_model().objects.create_superuser(
            username="ops", email="ops@thecen.kr", password="pw-ops-12345"
        )
        cls.buyer = create_customer("buyer@example.kr")

    def test_a_sale_from_the_campaign_earns_the_campaign_rate_for_its_mc(self):
        # given a reader who reads the campaign and adds its soap to the basket
        self.client.force_login(self.buyer)
        page = self.client.get(self.campaign.url)
        self.assertContains(page, 'data-testid="mc-card-name">초록손 MC<')
        self.client.post(
            f"/basket/add/{self.soap.pk}/",
            {"quantity": 1, "next": self.campaign.url, "source_page": self.campaign.pk},
        )
        # when they check out and the deposit is confirmed
        checkout_pay(self.client, shipping=True)
        order = Order.objects.latest("id")
        attribution = OrderAttribution.objects.get(order=order)
        self.assertEqual((attribution.mc, attribution.campaign), (self.mc, self.campaign))
        order_payment_confirm(order=order, by=self.operator)

        # then the campaign's 12% applies, not the kind's 7%: 1,200, 3.3% withheld → 39
        entry = LedgerEntry.objects.get()
        self.assertEqual((entry.rate, entry.amount, entry.withholding), (Decimal("12"), 1200, 39))
        self.assertEqual(entry.campaign, self.campaign)
        self.assertEqual(entry.campaign_title, "제로웨이스트 가게 응원전")

        # and the MC's dashboard shows it under the campaign
        self.client.force_login(self.mc.user)
        dashboard = self.client.get("/mc/dashboard/")
        self.assertContains(dashboard, "<td>제로웨이스트 가게 응원전</td>", html=False)
        self.assertContains(dashboard, 'data-testid="mc-pending">₩1,200<')

    def test_the_basket_and_each_checkout_step_name_the_mc_once(self):
        self.client.force_login(self.buyer)
        self.client.get(self.campaign.url)
        self.client.post(
            f"/basket/add/{self.soap.pk}/",
            {"quantity": 1, "next": self.campaign.url, "source_page": self.campaign.pk},
        )
        basket = self.client.get("/basket/").content.decode()
        self.assertEqual(basket.count('data-testid="mc-attribution"'), 1)
        self.assertIn("초록손 MC", basket)

        self.client.get("/checkout/")
        self.client.post("/checkout/shipping-address/", ADDRESS)
        self.client.post("/checkout/shipping-method/", {"method_code": "partner-shipping"})
        payment = self.client.get("/checkout/", follow=True).content.decode()
        self.assertEqual(payment.count('data-testid="mc-attribution"'), 1)
        preview = self.client.post("/checkout/preview/", {"payment_method": "bank-transfer"})
        self.assertEqual(preview.content.decode().count('data-testid="mc-attribution"'), 1)

    def test_an_explicit_link_of_another_mc_wins_over_the_campaign(self):
        other = approved_mc(code="haru", name="하루 MC")
        self.client.force_login(self.buyer)
        self.client.get(self.campaign.url)
        self.client.get(f"{self.campaign.url}?mc=haru")
        self.client.post(f"/basket/add/{self.soap.pk}/", {"quantity": 1})
        checkout_pay(self.client, shipping=True)
        attribution = OrderAttribution.objects.get()
        self.assertEqual((attribution.mc, attribution.campaign), (other, None))


class CampaignListsShowTheirMCTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.mcs = [approved_mc(code=f"mc{n}", name=f"동네 MC {n}") for n in range(3)]
        cls.tree.campaign(title="첫 캠페인", market_creator=cls.mcs[0])

    def index_queries(self):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(self.tree.campaigns.url)
        return response, len(queries)

    def test_the_index_names_each_mc_without_a_query_per_campaign(self):
        self.index_queries()  # the first visit opens a basket
        _, one = self.index_queries()
        self.tree.campaign(title="둘째 캠페인", market_creator=self.mcs[1])
        self.tree.campaign(title="지난 캠페인", market_creator=self.mcs[2], starts_in=-30, lasts=5)
        response, three = self.index_queries()
        for n in range(3):
            self.assertContains(response, f"동네 MC {n}")
        self.assertEqual(three, one)
