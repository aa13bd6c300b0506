"""Paying an MC out for a month: one statement, each entry paid once, numbers match the ledger."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from commerce.mc.models import LedgerEntry, PayoutStatement
from commerce.mc.services import payout_statement_create
from tests.concurrency import race
from tests.factories.mc import SEOUL, approved_mc, entry, october_and_november

OCTOBER = datetime.date(2026, 10, 1)
QUERY_BUDGET = 20  # the MC dashboard, whatever the number of statements


class PayoutStatementTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.operator = get_user_model().objects.create_superuser(
            username="ops", email="ops@thecen.kr", password="pw-ops-12345"
        )
        cls.mc = approved_mc(code="dongne", name="김동네")
        cls.other_mc = approved_mc(code="haru", name="하루 MC", kind="corporate")
        october_and_november(cls.mc, cls.other_mc)

    def pay(self, period="2026-10-01"):
        self.client.force_login(self.operator)
        return self.client.post(f"/cms/mc/{self.mc.pk}/payout/", {"period": period}, follow=True)

    def test_the_operator_pays_a_month_once_and_it_adds_up_to_the_ledger(self):
        # given the operator sees what each month would pay
        self.client.force_login(self.operator)
        page = self.client.get(f"/cms/mc/{self.mc.pk}/payout/")
        self.assertContains(page, "2026-10")
        self.assertContains(page, "₩1,934")
        self.assertContains(page, "2026-11")

        # when they pay October, twice (a double click)
        first = self.pay()
        self.assertContains(first, "김동네님께 2026-10분 ₩1,934을 지급했습니다.")
        second = self.pay()
        self.assertContains(second, "그 달에 지급할 금액이 남아 있지 않습니다")

        # then exactly one statement settles October's confirmed entries
        statement = PayoutStatement.objects.get()
        self.assertEqual(
            (statement.mc, statement.period, statement.operator),
            (self.mc, OCTOBER, self.operator),
        )
        self.assertEqual(
            (statement.gross, statement.reversals, statement.withholding, statement.net),
            (3000, -1000, 66, 1934),
        )
        self.assertEqual(statement.entries.count(), 3)
        self.assertFalse(statement.entries.exclude(status="paid").exists())
        # the pending entry, November and the other MC are untouched
        self.assertEqual(LedgerEntry.objects.filter(statement=None, status="paid").count(), 0)
        self.assertEqual(LedgerEntry.objects.filter(statement=None).count(), 3)
        # the statement's sums are the ledger's sums
        rows = list(statement.entries.values_list("amount", "withholding"))
        self.assertEqual(statement.gross + statement.reversals, sum(a for a, _ in rows))
        self.assertEqual(statement.withholding, sum(w for _, w in rows))
        self.assertEqual(statement.net, sum(a - w for a, w in rows))

    def test_the_mc_sees_and_downloads_their_statement(self):
        statement = payout_statement_create(mc=self.mc, period=OCTOBER, operator=self.operator)
        self.client.force_login(self.mc.user)
        dashboard = self.client.get("/mc/dashboard/")
        self.assertContains(dashboard, 'data-testid="mc-statement-net">₩1,934<')
        self.assertContains(dashboard, f"/mc/statements/{statement.pk}.csv")

        download = self.client.get(f"/mc/statements/{statement.pk}.csv")
        self.assertEqual(download["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("attachment;", download["Content-Disposition"])
        raw = download.content
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"))  # the BOM Excel needs for Korean
        text = raw.decode("utf-8-sig")
        self.assertIn("마켓크리에이터,김동네,dongne", text)
        self.assertIn("실지급액(원),1934", text)
        self.assertEqual(text.count("봄 꾸러미"), 3)
        self.assertIn("취소 환수", text)

    def test_the_dashboard_does_not_grow_queries_with_statements(self):
        def dashboard_queries():
            self.client.force_login(self.mc.user)
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get("/mc/dashboard/").status_code, 200)
            return len(queries)

        payout_statement_create(mc=self.mc, period=OCTOBER, operator=self.operator)
        dashboard_queries()  # the first visit also opens the visitor's basket
        one = dashboard_queries()
        for month in (11, 12):
            when = datetime.datetime(2026, month, 15, tzinfo=SEOUL)
            entry(self.mc, amount=100, withholding=3, at=when)
        payout_statement_create(mc=self.mc, period=datetime.date(2026, 11, 1), operator=None)
        payout_statement_create(mc=self.mc, period=datetime.date(2026, 12, 1), operator=None)
        self.assertEqual(dashboard_queries(), one)
        self.assertLessEqual(one, QUERY_BUDGET)

    def test_nobody_else_downloads_an_mcs_statement(self):
        statement = payout_statement_create(mc=self.mc, period=OCTOBER, operator=self.operator)
        self.client.force_login(self.other_mc.user)
        self.assertEqual(self.client.get(f"/mc/statements/{statement.pk}.csv").status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(f"/mc/statements/{statement.pk}.csv").status_code, 302)
        self.client.force_login(self.other_mc.user)
        # nor pays themself out
        self.client.post(f"/cms/mc/{self.other_mc.pk}/payout/", {"period": "2026-10-01"})
        self.assertEqual(PayoutStatement.objects.count(), 1)

    def test_operators_see_every_statement_in_the_admin(self):
        payout_statement_create(mc=self.mc, period=OCTOBER, operator=self.operator)
        payout_statement_create(mc=self.other_mc, period=OCTOBER, operator=self.operator)
        self.client.force_login(self.operator)
        listing = self.client.get("/cms/mc/payoutstatement/")
        self.assertContains(listing, "김동네")
        self.assertContains(listing, "하루 MC")
        self.assertContains(listing, "CSV 내려받기")
        # statements are records: nobody writes or deletes one by hand
        statement = PayoutStatement.objects.filter(mc=self.mc).get()
        self.assertNotEqual(self.client.get("/cms/mc/payoutstatement/create/").status_code, 200)
        self.assertNotEqual(
            self.client.get(f"/cms/mc/payoutstatement/delete/{statement.pk}/").status_code, 200
        )
        self.assertContains(
            self.client.get(f"/cms/mc/payoutstatement/inspect/{statement.pk}/"), "1934"
        )
        export = self.client.get("/cms/mc/payoutstatement/?export=csv")
        self.assertEqual(export.status_code, 200)
        self.assertIn("1934", export.content.decode("utf-8-sig"))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_operators_paying_the_same_month_at_once_pay_it_once(postgres):
    operator = get_user_model().objects.create_user(username="ops", email="ops@thecen.kr")
    mc = approved_mc(code="dongne", name="김동네")
    other = approved_mc(code="haru", name="하루 MC", kind="corporate")
    october_and_november(mc, other)

    results = race(*[lambda: payout_statement_create(mc=mc, period=OCTOBER, operator=operator)] * 4)

    paid = [r for r in results if r is not None]
    assert len(paid) == 1
    assert PayoutStatement.objects.count() == 1
    assert paid[0].net == 1934
    assert LedgerEntry.objects.filter(status="paid").count() == 3
    assert set(LedgerEntry.objects.filter(status="paid").values_list("statement", flat=True)) == {
        paid[0].pk
    }
