"""MC link → order → commission → refund → reversal, and the MC's dashboard adding up."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import TestCase
from oscar.core.loading import get_model

from commerce.mc.models import CommissionRule, LedgerEntry, MarketCreator, OrderAttribution
from commerce.mc.services import COOKIE_NAME, ledger_record_paid_lines
from commerce.orderpayments.services import order_cancel, order_payment_confirm
from tests.factories.commerce import checkout_pay, create_customer, create_goods

Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")


class MarketCreatorJourneyTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = Partner.objects.create(name="해님베이커리", code="haenim")
        cls.product = create_goods(
            partner=cls.partner, title="쿠키 선물세트", price=12345, stock=20
        )
        cls.operator = get_user_model().objects.create_superuser(
            username="ops", email="ops@thecen.kr", password="pw-ops-12345"
        )
        cls.mc_user = create_customer("mc@example.kr")
        cls.buyer = create_customer("buyer@example.kr")
        CommissionRule.objects.create(mc_kind="individual", rate=Decimal("7.5"))
        CommissionRule.objects.create(mc_kind="corporate", rate=Decimal("5"))
        cls.other_mc = MarketCreator.objects.create(
            user=cls.operator,
            name="동네협동조합",
            kind="corporate",
            email="co@example.kr",
            phone="02-111-2222",
            code="coop",
            status="approved",
        )

    def approve_new_mc(self):
        # given an application through the form
        self.client.force_login(self.mc_user)
        self.client.post(
            "/mc/apply/",
            {
                "name": "김동네",
                "kind": "individual",
                "email": "mc@example.kr",
                "phone": "010-3333-4444",
                "community": "마포구 육아 모임",
                "payout-bank": "신협",
                "payout-account_number": "131012345678",
                "payout-holder": "김동네",
                "payout-resident_number": "900101-1234568",
                "accept_principles": "on",
                "accept_ethics": "on",
                "principles_version": "2026-01",
                "ethics_version": "2026-01",
            },
        )
        mc = MarketCreator.objects.get(user=self.mc_user)
        self.assertEqual(mc.status, "pending")
        self.assertEqual(mc.withholding_rate, Decimal("3.30"))
        # when the operator approves it in the Wagtail admin
        self.client.force_login(self.operator)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/cms/mc/{mc.pk}/review/", {"decision": "approve", "code": "dongne"})
        mc.refresh_from_db()
        self.assertEqual((mc.status, mc.code), ("approved", "dongne"))
        self.assertIn("?mc=dongne", mail.outbox[-1].body)
        return mc

    def buy_through(self, *links):
        self.client.force_login(self.buyer)
        for link in links:
            self.client.get(link)
        self.client.post(f"/basket/add/{self.product.pk}/", {"quantity": 1})
        checkout_pay(self.client, shipping=True)
        return Order.objects.latest("id")

    def test_link_order_commission_refund_reversal(self):
        mc = self.approve_new_mc()

        # a reader arrives through another MC first, then through ours: the last MC wins
        order = self.buy_through(
            "/catalogue/?mc=coop", f"{self.product.get_absolute_url()}?mc=dongne"
        )
        self.assertIn(COOKIE_NAME, self.client.cookies)
        attribution = OrderAttribution.objects.get(order=order)
        self.assertEqual(attribution.mc, mc)
        self.assertEqual(attribution.source_page, self.product.get_absolute_url())

        # no commission until the line is paid
        self.assertFalse(LedgerEntry.objects.exists())
        order_payment_confirm(order=order, by=self.operator)
        entry = LedgerEntry.objects.get()
        # 12,345 × 7.5% = 925.875 → 925 (rounded down to the won); 3.3% withheld: 30.525 → 30
        self.assertEqual((entry.base_amount, entry.amount, entry.withholding), (12345, 925, 30))

        # paying again, or writing the ledger again, never doubles it
        order_payment_confirm(order=order, by=self.operator)
        ledger_record_paid_lines(order=order)
        self.assertEqual(LedgerEntry.objects.count(), 1)
        with self.assertRaises(IntegrityError), transaction.atomic():
            LedgerEntry.objects.create(
                mc=mc,
                order_line=entry.order_line,
                kind="commission",
                base_amount=1,
                rate=1,
                amount=1,
            )

        # the MC's dashboard shows the click, the order and the pending commission
        self.client.force_login(self.mc_user)
        page = self.client.get("/mc/dashboard/")
        self.assertContains(page, 'data-testid="mc-clicks">1<')
        self.assertContains(page, 'data-testid="mc-orders">1<')
        self.assertContains(page, 'data-testid="mc-revenue">₩12,345<')
        self.assertContains(page, 'data-testid="mc-pending">₩925<')

        # a refund reverses it, once
        order_cancel(order=order, reason="고객 변심")
        order_cancel(order=order, reason="고객 변심")
        reversal = LedgerEntry.objects.get(kind="reversal")
        self.assertEqual((reversal.amount, reversal.withholding), (-925, -30))
        page = self.client.get("/mc/dashboard/")
        self.assertContains(page, 'data-testid="mc-pending">₩0<')

        # operators pay out; the dashboard columns still add up to the ledger
        self.client.force_login(self.operator)
        self.assertEqual(self.client.get(f"/cms/mc/{mc.pk}/payout/").status_code, 200)

    def test_without_a_link_no_attribution_and_unknown_codes_are_ignored(self):
        order = self.buy_through("/catalogue/?mc=nobody")
        self.assertFalse(OrderAttribution.objects.filter(order=order).exists())

    def test_other_people_cannot_review_or_see_an_mc_dashboard(self):
        self.client.force_login(self.buyer)
        page = self.client.get("/mc/dashboard/")
        self.assertContains(page, "아직 승인된 마켓크리에이터가 아닙니다")
        self.assertNotEqual(self.client.get(f"/cms/mc/{self.other_mc.pk}/review/").status_code, 200)
        self.client.logout()
        self.assertEqual(self.client.get("/mc/dashboard/").status_code, 302)
