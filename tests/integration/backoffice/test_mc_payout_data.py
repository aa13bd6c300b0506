"""MC payout data: asked in the application, encrypted at rest, masked on screen, in full
only with the permission, and the year's withholding report as an XLSX file."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import TestCase
from openpyxl import load_workbook

from commerce.mc.models import MarketCreator, PayoutAccount
from commerce.mc.services import payout_statement_create
from tests.factories.commerce import create_customer
from tests.factories.mc import approved_mc, october_and_november

RRN = "900101-1234568"  # a number with a valid check digit (python-stdnum)


def apply(client, **overrides):
    data = {
        "name": "김동네",
        "kind": "individual",
        "email": "dongne@example.kr",
        "phone": "010-2345-6789",
        "community": "성수동 골목 가게 모임",
        "payout-bank": "신협",
        "payout-account_number": "131-012-345678",
        "payout-holder": "김동네",
        "payout-resident_number": RRN,
        "accept_principles": "on",
        "accept_ethics": "on",
        "principles_version": "2026-01",
        "ethics_version": "2026-01",
    }
    data.update(overrides)
    return client.post("/mc/apply/", data)


class PayoutDataTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.applicant = create_customer("dongne@example.kr")
        cls.superuser = get_user_model().objects.create_superuser(
            username="ops", email="ops@thecen.kr", password="pw-ops-12345"
        )
        # a secretariat member who may pay out and see accounts, but not identity numbers
        cls.clerk = create_customer("clerk@thecen.kr", is_staff=True)
        cls.clerk.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label="mc",
                codename__in=[
                    "view_marketcreator",
                    "view_payoutaccount",
                    "view_payoutstatement",
                ],
            ),
            Permission.objects.get(codename="access_admin"),
        )

    def test_the_application_stores_the_account_encrypted_at_rest(self):
        self.client.force_login(self.applicant)
        apply(self.client)
        account = PayoutAccount.objects.get()
        self.assertEqual(account.account_number, "131012345678")
        self.assertEqual(account.resident_number, "9001011234568")
        with connection.cursor() as cursor:
            cursor.execute("SELECT account_number, holder, resident_number FROM mc_payoutaccount")
            raw = " ".join(cursor.fetchone())
        for secret in ("131012345678", "9001011234568", "900101", "김동네"):
            self.assertNotIn(secret, raw)

    def test_bad_numbers_get_korean_messages_and_nothing_is_stored(self):
        self.client.force_login(self.applicant)
        response = apply(
            self.client,
            **{"payout-resident_number": "900101-1234567", "payout-account_number": "12ab"},
        )
        self.assertContains(response, "올바른 주민등록번호가 아닙니다")
        self.assertContains(response, "계좌번호는 숫자로")
        response = apply(self.client, **{"payout-resident_number": ""})
        self.assertContains(response, "원천징수")
        self.assertFalse(MarketCreator.objects.exists())
        self.assertFalse(PayoutAccount.objects.exists())

    def test_masked_for_staff_in_full_only_with_the_permission(self):
        self.client.force_login(self.applicant)
        apply(self.client)
        mc = MarketCreator.objects.get()
        url = f"/cms/mc/{mc.pk}/payout-account/"

        self.client.force_login(self.clerk)
        masked = self.client.get(url)
        self.assertContains(masked, "********5678")
        self.assertContains(masked, "900101-1******")
        self.assertNotContains(masked, "131012345678")
        self.assertNotContains(masked, "1234568")

        self.client.force_login(self.superuser)
        full = self.client.get(url)
        self.assertContains(full, "131012345678")
        self.assertContains(full, RRN)

        self.client.force_login(self.applicant)  # not staff: no way in
        self.assertNotEqual(self.client.get(url).status_code, 200)

    def test_the_annual_withholding_report_is_an_xlsx_file(self):
        mc = approved_mc(code="dongne2", name="김동네")
        other = approved_mc(code="haru", name="하루 MC", kind="corporate")
        PayoutAccount.objects.create(
            mc=mc, bank="신협", account_number="131012345678", holder="김동네", resident_number=RRN
        )
        october_and_november(mc, other)
        payout_statement_create(mc=mc, period=datetime.date(2026, 10, 1), operator=self.superuser)

        def report(user):
            self.client.force_login(user)
            response = self.client.get("/cms/mc/withholding/2026/")
            self.assertEqual(response.status_code, 200)
            self.assertIn("spreadsheetml", response["Content-Type"])
            sheet = load_workbook(io.BytesIO(response.content)).active
            return [[c.value for c in row] for row in sheet.iter_rows()]

        rows = report(self.superuser)
        self.assertEqual(rows[0][0], "이름")
        self.assertIn("주민등록번호", rows[0])
        [row] = rows[1:]
        self.assertEqual(row[0], "김동네")
        self.assertEqual(row[3], RRN)
        self.assertEqual(row[-3:], [2000, 66, 1934])

        masked = report(self.clerk)
        self.assertEqual(masked[1][3], "900101-1******")
        self.assertEqual(masked[1][5], "********5678")
