"""Suspension all the way: a suspended partner's listings leave the catalogue, search and
stories (never shown as sold out), the secretariat sees who is suspended, and everyone who
must know is e-mailed: the partner on suspension and restoration, the customer on expiry."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone
from django.utils.html import strip_tags
from oscar.core.loading import get_model

from commerce.membership.models import DuesInvoice, Grade, Membership, PartnerApplication
from commerce.membership.services import dues_mark_paid, memberships_suspend_overdue
from search.selectors import SearchRequest, search_run
from search.services import search_reindex
from tests.factories.commerce import checkout_pay, create_customer, create_goods
from tests.factories.editorial import product_blocks
from tests.factories.pages import PageTree
from tests.factories.search import EngineTestCase

Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")


def overdue_member(name, code, email):
    grade, _ = Grade.objects.get_or_create(
        code="regular",
        defaults={"name": "정회원", "listing_limit": 50, "promotion_slots": 2, "annual_dues": 1},
    )
    partner = Partner.objects.create(name=name, code=code)
    PartnerApplication.objects.create(
        name=name,
        kind="cooperative",
        brn=code[:10].ljust(10, "0"),
        representative="이대표",
        contact_name="박담당",
        phone="02-765-4321",
        email=email,
        postcode="04524",
        address="서울특별시 중구 세종대로 110",
        principles_version="2026-01",
        principles_accepted_at=timezone.now(),
        ethics_version="2026-01",
        ethics_accepted_at=timezone.now(),
        status="approved",
        partner=partner,
    )
    membership = Membership.objects.create(partner=partner, grade=grade, since=timezone.localdate())
    invoice = DuesInvoice.objects.create(
        membership=membership,
        year=2026,
        amount=120000,
        due_date=timezone.localdate() - datetime.timedelta(days=40),
    )
    return partner, invoice


class SuspensionHidesListingsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.partner, cls.invoice = overdue_member("초록공방", "chorok", "office@chorok.kr")
        cls.soap = create_goods(partner=cls.partner, title="초록 비누", price=5000, stock=10)
        other = Partner.objects.create(name="해님베이커리", code="haenim")
        cls.bread = create_goods(partner=other, title="우리밀 식빵", price=6500, stock=10)
        cls.story = cls.tree.story(
            title="비누와 빵 이야기",
            body=[
                *product_blocks([cls.soap, cls.bread]),
                ("product_list", {"heading": "", "products": [cls.soap.pk, cls.bread.pk]}),
                ("enterprise_offer", {"enterprise": cls.partner.pk, "heading": ""}),
            ],
        )
        cls.operator = create_customer("ops@thecen.kr", is_staff=True, is_superuser=True)

    def suspend(self):
        with self.captureOnCommitCallbacks(execute=True):
            suspended = memberships_suspend_overdue()
        self.assertEqual(suspended, [self.partner])

    def test_the_partner_is_told_on_suspension_and_on_restoration(self):
        self.suspend()
        [sent] = mail.outbox
        self.assertEqual(sent.to, ["office@chorok.kr"])
        self.assertIn("판매가 일시 중지", sent.subject)
        self.assertIn("회비 납부 기한이 30일 지나도록 미납", sent.body)
        # the daily job run again sends nothing more
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(memberships_suspend_overdue(), [])
        self.assertEqual(len(mail.outbox), 1)

        with self.captureOnCommitCallbacks(execute=True):
            dues_mark_paid(invoice=self.invoice)
        self.assertEqual(len(mail.outbox), 2)
        self.assertIn("다시 시작", mail.outbox[1].subject)
        self.partner.refresh_from_db()
        self.assertFalse(self.partner.is_suspended)

    def test_catalogue_product_page_and_story_leave_the_listing_out(self):
        self.assertContains(self.client.get("/catalogue/"), "초록 비누")
        self.suspend()
        with override_settings(THECEN_SEARCH_URL=""):
            catalogue = self.client.get("/catalogue/")
        self.assertNotContains(catalogue, "초록 비누")
        self.assertContains(catalogue, "우리밀 식빵")
        self.assertEqual(self.client.get(self.soap.get_absolute_url()).status_code, 404)

        story = self.client.get(self.story.url)
        text = strip_tags(story.content.decode())
        self.assertNotIn("초록 비누", text)
        self.assertIn("우리밀 식빵", text)
        # hidden, not "sold out" or "no longer available"
        self.assertNotIn("품절", text)
        self.assertNotIn("더 이상 판매하지 않", text)

        # the secretariat still opens the product page to check it
        self.client.force_login(self.operator)
        self.assertEqual(self.client.get(self.soap.get_absolute_url()).status_code, 200)

    def test_the_membership_list_shows_and_filters_who_is_suspended(self):
        other, _invoice = overdue_member("푸른숲", "pureun", "hello@pureun.kr")
        DuesInvoice.objects.filter(membership__partner=other).update(status="paid")
        self.suspend()
        self.client.force_login(self.operator)
        listing = self.client.get("/cms/membership/membership/")
        self.assertContains(listing, "판매 중지")
        self.assertContains(listing, "판매 중</span>")
        suspended = self.client.get("/cms/membership/membership/?suspended=yes")
        self.assertContains(suspended, "초록공방")
        self.assertNotContains(suspended, "푸른숲")
        on_sale = self.client.get("/cms/membership/membership/?suspended=no")
        self.assertContains(on_sale, "푸른숲")
        self.assertNotContains(on_sale, "초록공방")


@pytest.mark.search_engine
class SuspensionLeavesTheIndexTest(EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        PageTree(indexes=())
        cls.partner, cls.invoice = overdue_member("초록공방", "chorok", "office@chorok.kr")
        cls.soap = create_goods(partner=cls.partner, title="초록 비누", price=5000, stock=10)
        search_reindex()

    def titles(self, q):
        self.refresh()
        return [strip_tags(hit.title) for hit in search_run(SearchRequest(q=q)).hits]

    def test_suspended_listings_are_not_found_and_come_back_when_lifted(self):
        self.assertEqual(self.titles("비누"), ["초록 비누"])
        with self.captureOnCommitCallbacks(execute=True):
            memberships_suspend_overdue()
        self.assertEqual(self.titles("비누"), [])
        with override_settings(THECEN_SEARCH_URL=""):
            self.assertEqual(self.titles_database("비누"), [])
        with self.captureOnCommitCallbacks(execute=True):
            dues_mark_paid(invoice=self.invoice)
        self.assertEqual(self.titles("비누"), ["초록 비누"])

    def titles_database(self, q):
        return [strip_tags(hit.title) for hit in search_run(SearchRequest(q=q)).hits]


class ExpiredOrderMailTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        partner = Partner.objects.create(name="마을공방", code="maeul-craft")
        cls.product = create_goods(partner=partner, title="업사이클 도마", price=32000, stock=3)
        cls.customer = create_customer("buyer@example.kr")

    def test_the_customer_is_told_when_an_unpaid_order_expires(self):
        self.client.force_login(self.customer)
        self.client.post(f"/basket/add/{self.product.pk}/", {"quantity": 1})
        with self.captureOnCommitCallbacks(execute=True):
            checkout_pay(self.client, shipping=True)
        order = Order.objects.get()
        order.payment.deadline = timezone.now() - datetime.timedelta(minutes=1)
        order.payment.save()
        mail.outbox.clear()

        with self.captureOnCommitCallbacks(execute=True):
            call_command("orders_expire", stdout=StringIO())

        [sent] = [m for m in mail.outbox if "buyer@example.kr" in m.to]
        self.assertIn(order.number, sent.subject)
        self.assertIn("취소", sent.subject)
        self.assertIn(f"₩{int(order.total_incl_tax):,}", sent.body)
        self.assertGreaterEqual(order.total_incl_tax, Decimal("32000"))
