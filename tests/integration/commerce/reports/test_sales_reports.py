"""Sales reports: the sums, the Seoul months, the scope of each reader, the downloads."""

import datetime
import io

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from oscar.core.loading import get_model

from commerce.orderpayments.services import order_lines_cancel
from commerce.reports.selectors import (
    Period,
    sales_by_campaign,
    sales_by_category,
    sales_by_month,
    sales_by_partner,
)
from tests.factories.commerce import create_customer, create_goods, create_partner_user
from tests.factories.mc import approved_mc
from tests.factories.reports import SEOUL, sale

Partner = get_model("partner", "Partner")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")

YEAR = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 1))


def at(month, day=15, hour=12):
    return datetime.datetime(2026, month, day, hour, tzinfo=SEOUL)


class SalesReportTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.bakery = Partner.objects.create(name="해님베이커리", code="haenim")
        cls.farm = Partner.objects.create(name="햇살농장", code="sunny")
        food = Category.add_root(name="먹거리")
        bread = food.add_child(name="빵")
        crafts = Category.add_root(name="생활용품")
        cls.bread = create_goods(partner=cls.bakery, title="우리밀 식빵", price=5500, stock=999)
        cls.rice = create_goods(partner=cls.farm, title="유기농 쌀 4kg", price=21000, stock=999)
        cls.brush = create_goods(partner=cls.farm, title="대나무 칫솔", price=3000, stock=999)
        ProductCategory.objects.create(product=cls.bread, category=bread)
        ProductCategory.objects.create(product=cls.rice, category=food)
        ProductCategory.objects.create(product=cls.brush, category=crafts)
        cls.mc = approved_mc(code="green", name="초록손")
        cls.customer = create_customer("buyer@example.kr")
        # January: bread ×2 (11,000) with the MC's campaign; rice ×1 (21,000) directly.
        sale((cls.bread, 2), at=at(1), mc=cls.mc, campaign="봄 장터")
        sale((cls.rice, 1), (cls.brush, 2), at=at(1, 31, 23))  # 23:00 on 31 Jan in Seoul
        # Not sales: unpaid, and a cancelled line.
        sale((cls.rice, 5), at=at(2), paid=False)
        cancelled = sale((cls.bread, 1), (cls.brush, 1), at=at(3))
        order_lines_cancel(order=cancelled, lines=[cancelled.lines.get(product=cls.bread)])

    def test_sales_by_partner_sum_paid_lines_in_won(self):
        rows = sales_by_partner(period=YEAR)
        self.assertEqual(
            [(r.label, r.orders, r.quantity, r.amount) for r in rows],
            [("햇살농장", 2, 4, 30000), ("해님베이커리", 1, 2, 11000)],
        )

    def test_months_are_seoul_months_and_empty_months_are_zero(self):
        rows = sales_by_month(period=Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 1)))
        # 23:00 on 31 January in Seoul is 14:00 UTC the same day: still January.
        self.assertEqual(
            [(r.label, r.amount) for r in rows],
            [("2026-01", 38000), ("2026-02", 0), ("2026-03", 3000)],
        )

    def test_by_category_counts_each_line_once_under_its_top_category(self):
        rows = sales_by_category(period=YEAR)
        self.assertEqual(
            [(r.label, r.amount) for r in rows], [("먹거리", 32000), ("생활용품", 9000)]
        )

    def test_by_campaign_names_the_mc_and_the_campaign(self):
        rows = sales_by_campaign(period=YEAR)
        self.assertEqual(
            [(r.label, r.amount) for r in rows],
            [("MC 없이 직접 구매", 30000), ("초록손 · 봄 장터", 11000)],
        )

    def test_a_partner_sees_only_its_own_sales_on_its_dashboard(self):
        seller = create_partner_user(self.bakery, "baker@haenim.kr")
        self.client.force_login(seller)
        page = self.client.get("/dashboard/reports/sales/?start=2026-01&end=2026-12")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "₩11,000")
        self.assertNotContains(page, "햇살농장")
        self.assertNotContains(page, "유기농 쌀")
        self.assertNotContains(page, "₩30,000")
        # the partner cannot widen its scope with ?partner=
        other = self.client.get(f"/dashboard/reports/sales/?start=2026-01&partner={self.farm.pk}")
        self.assertNotContains(other, "₩30,000")
        self.assertContains(page, "<svg", count=3)

    def test_a_customer_cannot_open_the_reports(self):
        self.client.force_login(self.customer)
        response = self.client.get("/dashboard/reports/sales/")
        self.assertEqual(response.status_code, 403)

    def test_the_operator_sees_everything_with_charts_and_downloads_a_spreadsheet(self):
        operator = create_customer("ops@thecen.kr", is_staff=True)
        self.client.force_login(operator)
        page = self.client.get("/dashboard/reports/sales/?start=2026-01&end=2026-12")
        self.assertContains(page, "공급사별 매출")
        self.assertContains(page, "<svg", count=4)
        self.assertContains(page, "<title>햇살농장: ₩30,000</title>", html=False)

        xlsx = self.client.get(
            "/dashboard/reports/sales/?start=2026-01&end=2026-12&report=partner&download=xlsx"
        )
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        self.assertEqual(
            [list(r) for r in sheet.iter_rows(values_only=True)],
            [
                ["이름", "주문 수", "판매 수량", "매출(원)"],
                ["햇살농장", 2, 4, 30000],
                ["해님베이커리", 1, 2, 11000],
            ],
        )
        csv = self.client.get(
            "/dashboard/reports/sales/?start=2026-01&end=2026-12&report=month&download=csv"
        )
        text = csv.content.decode("utf-8-sig")
        self.assertIn("2026-01,2,5,38000", text)

    def test_a_bad_month_is_a_korean_message_not_an_error(self):
        operator = create_customer("ops@thecen.kr", is_staff=True)
        self.client.force_login(operator)
        page = self.client.get("/dashboard/reports/sales/?start=2026-13&end=nope")
        self.assertContains(page, "2026-01처럼 월을 입력해 주세요.")
        backwards = self.client.get("/dashboard/reports/sales/?start=2026-05&end=2026-01")
        self.assertContains(backwards, "시작 월이 끝 월보다 앞서야 합니다.")


class SalesReportQueryTest(TestCase):
    """The number of queries does not grow with the number of orders."""

    @classmethod
    def setUpTestData(cls):
        cls.partners = [Partner.objects.create(name=f"공급사 {n}", code=f"p{n}") for n in range(3)]
        cls.products = [
            create_goods(partner=p, title=f"상품 {n}", price=1000 * (n + 1), stock=9999)
            for n, p in enumerate(cls.partners)
        ]
        root = Category.add_root(name="먹거리")
        for product in cls.products:
            ProductCategory.objects.create(product=product, category=root)
        cls.mc = approved_mc(code="green", name="초록손")
        cls.operator = create_customer("ops@thecen.kr", is_staff=True)

    def make_sales(self, count):
        for n in range(count):
            product = self.products[n % 3]
            sale((product, 1), at=at(1 + n % 12), mc=self.mc if n % 2 else None, campaign="장터")

    def queries(self):
        self.client.force_login(self.operator)
        self.client.get("/dashboard/reports/sales/?start=2026-01&end=2026-12")
        with CaptureQueriesContext(connection) as captured:
            page = self.client.get("/dashboard/reports/sales/?start=2026-01&end=2026-12")
        self.assertEqual(page.status_code, 200)
        return len(captured)

    def test_ten_orders_and_forty_cost_the_same_queries(self):
        self.make_sales(10)
        small = self.queries()
        self.make_sales(30)
        large = self.queries()
        self.assertEqual(small, large)
        self.assertEqual(sum(r.orders for r in sales_by_month(period=YEAR)), 40)
