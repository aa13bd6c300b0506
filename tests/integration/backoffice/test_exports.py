"""Every spreadsheet staff download opens safely in Korean Excel (issue #15 §3, #17 item 6).

Each export is read back as a person's Excel would: the BOM is there, a name typed as a
formula stays text, codes are Korean labels and times are Seoul's.
"""

import csv
import datetime
import io

from django.contrib.auth import get_user_model
from django.test import TestCase
from openpyxl import load_workbook
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from cms_pages.models import EventRegistration
from commerce.mc.services import payout_statement_create
from tests.factories.commerce import create_partner_user
from tests.factories.editorial import partner
from tests.factories.mc import approved_mc, entry
from tests.factories.pages import PageTree

ShippingAddress = get_model("order", "ShippingAddress")

PAYLOADS = ['=HYPERLINK("http://evil.example","x")', "@SUM(1+1)", "+1+1"]
# 11:40 in Seoul is 02:40 UTC: an export must show what the person saw on the clock.
SIGNED_UP = datetime.datetime(2026, 11, 2, 2, 40, tzinfo=datetime.UTC)


def read_csv(response) -> list[list[str]]:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM: Korean Excel would show mojibake"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def read_xlsx(response) -> list[list]:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(raw)).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} became a formula: {cell.value}"
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def assert_neutralised(test, rows):
    cells = [str(value) for row in rows for value in row if value is not None]
    for payload in PAYLOADS:
        test.assertIn("'" + payload, cells)
        test.assertNotIn(payload, cells)


class EventRegistrationExportTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = PageTree()
        cls.event = tree.event(title="가을 장터")
        for name in PAYLOADS:
            registration = EventRegistration.objects.create(
                event=cls.event, name=name, phone="010-2222-3333", status="confirmed"
            )
        EventRegistration.objects.filter(pk=registration.pk).update(
            created_at=SIGNED_UP, status="waitlisted"
        )
        cls.operator = get_user_model().objects.create_superuser(
            username="ops", email="ops@thecen.kr", password="pw-ops-12345"
        )

    def setUp(self):
        self.client.force_login(self.operator)

    def test_the_csv_has_a_bom_korean_labels_seoul_times_and_no_formulas(self):
        response = self.client.get("/cms/cms_pages/eventregistration/?export=csv")
        self.assertEqual(response.status_code, 200)
        rows = read_csv(response)
        assert_neutralised(self, rows)
        self.assertEqual(rows[0][0], "행사")
        statuses = {row[4] for row in rows[1:]}
        self.assertEqual(statuses, {"확정", "대기"})
        self.assertIn("2026-11-02 11:40", {row[5] for row in rows[1:]})
        self.assertNotIn("confirmed", str(rows))

    def test_the_xlsx_is_the_same_table(self):
        response = self.client.get("/cms/cms_pages/eventregistration/?export=xlsx")
        rows = read_xlsx(response)
        assert_neutralised(self, rows)
        self.assertIn("2026-11-02 11:40", {row[5] for row in rows[1:]})


class PartnerOrderExportTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = partner()
        cls.user = create_partner_user(cls.partner, "bakery@partner.example")
        cls.orders = []
        for name in PAYLOADS:
            address = ShippingAddress.objects.create(
                last_name=name, line1="성미산로 25", postcode="03900", country_id="KR"
            )
            order = create_order(
                number=f"ORD-{len(cls.orders)}", user=cls.user, shipping_address=address
            )
            order.lines.update(partner=cls.partner)
            cls.orders.append(order)
        type(order).objects.filter(pk=order.pk).update(date_placed=SIGNED_UP, status="Cancelled")

    def setUp(self):
        self.client.force_login(self.user)

    def test_the_download_is_xlsx_by_default_and_csv_on_request(self):
        xlsx = self.client.get("/dashboard/orders/?response_format=xlsx")
        self.assertEqual(xlsx.status_code, 200)
        rows = read_xlsx(xlsx)
        assert_neutralised(self, rows)
        self.assertIn("취소됨", {row[4] for row in rows[1:]})
        self.assertIn("2026-11-02 11:40", {row[2] for row in rows[1:]})

        rows = read_csv(self.client.get("/dashboard/orders/?response_format=csv"))
        assert_neutralised(self, rows)
        self.assertNotIn("Cancelled", str(rows))
        self.assertIn("2026-11-02 11:40", {row[2] for row in rows[1:]})

    def test_the_bulk_download_of_selected_orders_is_xlsx(self):
        response = self.client.post(
            "/dashboard/orders/",
            {"action": "download_selected_orders", "selected_order": [o.pk for o in self.orders]},
        )
        self.assertIn(".xlsx", response["Content-Disposition"])
        assert_neutralised(self, read_xlsx(response))


class MarketCreatorExportTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.mcs = [
            approved_mc(code=f"mc{index}", name=name, community=name)
            for index, name in enumerate(PAYLOADS)
        ]
        cls.operator = get_user_model().objects.create_superuser(
            username="ops", email="ops@thecen.kr", password="pw-ops-12345"
        )

    def setUp(self):
        self.client.force_login(self.operator)

    def test_the_admin_lists_export_labels_and_no_formulas(self):
        for url in ("/cms/mc/marketcreator/", "/cms/mc/ledgerentry/", "/cms/mc/payoutstatement/"):
            for fmt, read in (("csv", read_csv), ("xlsx", read_xlsx)):
                response = self.client.get(f"{url}?export={fmt}")
                self.assertEqual(response.status_code, 200, url)
                read(response)
        rows = read_csv(self.client.get("/cms/mc/marketcreator/?export=csv"))
        assert_neutralised(self, rows)
        self.assertIn("개인", {row[1] for row in rows[1:]})
        self.assertIn("승인됨", {row[3] for row in rows[1:]})

    def test_a_statement_neutralises_the_mc_name(self):
        mc = self.mcs[0]
        october = datetime.date(2026, 10, 1)
        at = datetime.datetime(2026, 10, 5, tzinfo=datetime.UTC)
        entry(mc, amount=1000, withholding=33, at=at)
        statement = payout_statement_create(mc=mc, period=october, operator=self.operator)
        rows = read_csv(self.client.get(f"/cms/mc/statements/{statement.pk}/csv/"))
        self.assertEqual(rows[0][1], "'" + PAYLOADS[0])
        rows = read_xlsx(self.client.get(f"/cms/mc/statements/{statement.pk}/csv/?format=xlsx"))
        self.assertEqual(rows[0][1], "'" + PAYLOADS[0])
