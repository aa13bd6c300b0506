"""The deposits desk: the depositor's name asked at checkout and shown, search, a second step
before anything is paid, bulk confirmation, and a bank statement that proposes matches."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from openpyxl import Workbook
from oscar.core.loading import get_model

from commerce.orderpayments.models import OrderPayment
from tests.factories.commerce import create_customer, create_goods

Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")


def to_payment(client, product, *, quantity=1):
    client.post(f"/basket/add/{product.pk}/", {"quantity": quantity})
    client.get("/checkout/")
    client.post(
        "/checkout/shipping-address/",
        {
            "first_name": "김하나",
            "phone_number": "010-1234-5678",
            "postcode": "03154",
            "line1": "서울특별시 종로구 세종대로 175",
            "country": "KR",
        },
    )
    client.post("/checkout/shipping-method/", {"method_code": "partner-shipping"})
    return client.get("/checkout/payment-details/")


def buy(client, product, *, depositor=None, quantity=1):
    page = to_payment(client, product, quantity=quantity)
    data = {"payment_method": "bank-transfer"}
    if depositor is not None:
        data["depositor_name"] = depositor
    preview = client.post("/checkout/preview/", data)
    client.post("/checkout/preview/", {"action": "place_order"}, follow=True)
    return page, preview


class DepositorNameAtCheckoutTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        partner = Partner.objects.create(name="마을공방", code="maeul")
        cls.board = create_goods(partner=partner, title="업사이클 도마", price=32000, stock=9)
        cls.customer = create_customer("minji@example.kr", first_name="민지", last_name="김")

    def test_the_orderers_name_is_offered_and_what_is_typed_is_stored(self):
        self.client.force_login(self.customer)
        page, preview = buy(self.client, self.board, depositor="김민지(엄마)")
        self.assertContains(page, 'name="depositor_name" value="김민지"')
        self.assertContains(preview, "김민지(엄마)")
        self.assertEqual(OrderPayment.objects.get().depositor_name, "김민지(엄마)")

    def test_a_cleared_name_is_asked_again_and_no_order_is_placed(self):
        self.client.force_login(self.customer)
        to_payment(self.client, self.board)
        response = self.client.post(
            "/checkout/preview/", {"payment_method": "bank-transfer", "depositor_name": "  "}
        )
        self.assertContains(response, "입금자명을 적어 주세요")
        self.assertFalse(Order.objects.exists())


class DepositsDeskTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        partner = Partner.objects.create(name="마을공방", code="maeul")
        cls.board = create_goods(partner=partner, title="업사이클 도마", price=32000, stock=90)
        cls.cup = create_goods(partner=partner, title="옹기 컵", price=15000, stock=90)
        cls.operator = create_customer("ops@thecen.kr", is_staff=True)
        cls.orders = {}
        for email, name, product in [
            ("a@example.kr", "박서준", cls.board),
            ("b@example.kr", "이하늘", cls.cup),
            ("c@example.kr", "최유리", cls.cup),
        ]:
            customer = create_customer(email)
            client = Client()
            client.force_login(customer)
            buy(client, product, depositor=name)
            cls.orders[name] = Order.objects.get(user=customer)

    def desk(self, **params):
        self.client.force_login(self.operator)
        return self.client.get("/dashboard/deposits/", params)

    def test_the_list_shows_depositor_names_and_searches_by_name_amount_and_number(self):
        page = self.desk()
        for name in ("박서준", "이하늘", "최유리"):
            self.assertContains(page, name)
        by_name = self.desk(q="하늘")
        self.assertContains(by_name, "이하늘")
        self.assertNotContains(by_name, "박서준")
        total = self.orders["박서준"].total_incl_tax
        by_amount = self.desk(amount=f"{int(total):,}")
        self.assertContains(by_amount, "박서준")
        self.assertNotContains(by_amount, "이하늘")
        number = self.orders["최유리"].number
        by_number = self.desk(q=number)
        self.assertContains(by_number, "최유리")
        self.assertNotContains(by_number, "이하늘")
        bad = self.desk(amount="삼만원")
        self.assertContains(bad, "숫자로")

    def test_one_click_only_asks_the_second_step_confirms(self):
        order = self.orders["박서준"]
        self.client.force_login(self.operator)
        data = {"order": order.number, f"amount-{order.number}": str(order.total_incl_tax)}
        step = self.client.post("/dashboard/deposits/confirm/", data)
        self.assertContains(step, "박서준")
        self.assertContains(step, 'name="step" value="confirm"')
        order.refresh_from_db()
        self.assertEqual(order.status, "Awaiting deposit")

        self.client.post("/dashboard/deposits/confirm/", {**data, "step": "confirm"})
        order.refresh_from_db()
        self.assertEqual(order.status, "Paid")
        self.assertNotContains(self.desk(), "박서준")

    def test_bulk_confirmation_pays_the_ticked_rows_only(self):
        ticked = [self.orders["이하늘"], self.orders["최유리"]]
        self.client.force_login(self.operator)
        data = {"order": [o.number for o in ticked], "step": "confirm"}
        data.update({f"amount-{o.number}": str(o.total_incl_tax) for o in ticked})
        response = self.client.post("/dashboard/deposits/confirm/", data, follow=True)
        self.assertContains(response, "입금 확인 완료")
        statuses = {n: Order.objects.get(pk=o.pk).status for n, o in self.orders.items()}
        self.assertEqual(
            statuses, {"박서준": "Awaiting deposit", "이하늘": "Paid", "최유리": "Paid"}
        )

    def statement(self, rows, *, xlsx=False):
        header = ["거래일시", "적요", "입금자명", "출금액", "입금액", "잔액"]
        if xlsx:
            book = Workbook()
            sheet = book.active
            sheet.append(["신협 입출금 거래내역"])
            sheet.append(header)
            for row in rows:
                sheet.append(row)
            data = io.BytesIO()
            book.save(data)
            return SimpleUploadedFile("statement.xlsx", data.getvalue())
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(header)
        writer.writerows(rows)
        return SimpleUploadedFile("statement.csv", text.getvalue().encode("cp949"))

    def test_a_statement_proposes_matches_by_amount_and_name_for_the_operator(self):
        seojun, haneul, yuri = (self.orders[n] for n in ("박서준", "이하늘", "최유리"))
        for xlsx in (False, True):
            with self.subTest(xlsx=xlsx):
                upload = self.statement(
                    [
                        [
                            "2026-12-02 11:40",
                            "타행이체",
                            "박서준",
                            "",
                            f"{int(seojun.total_incl_tax):,}",
                            "1",
                        ],
                        [
                            "2026-12-02 12:10",
                            "이체",
                            "이하늘",
                            "",
                            str(int(haneul.total_incl_tax)),
                            "2",
                        ],
                        ["2026-12-02 12:30", "이체", "홍길동", "", "999", "3"],
                        ["2026-12-02 13:00", "출금", "", "5,000", "", "4"],
                    ],
                    xlsx=xlsx,
                )
                self.client.force_login(self.operator)
                page = self.client.post("/dashboard/deposits/statement/", {"statement": upload})
                self.assertEqual(page.status_code, 200)
                html = page.content.decode()
                # 박서준 and 이하늘 match by amount and name; 최유리 (same amount as 이하늘)
                # is not proposed; 홍길동's 999 won matches nothing; nothing is paid yet
                self.assertIn(f'name="order" value="{seojun.number}" checked', html)
                self.assertIn(f'name="order" value="{haneul.number}" checked', html)
                self.assertNotIn(f'value="{yuri.number}"', html)
                self.assertEqual(html.count('data-testid="proposal-row"'), 3)
                self.assertContains(page, "이 금액의 주문이 없습니다")
                self.assertFalse(Order.objects.filter(status="Paid").exists())

    def test_a_file_that_is_not_a_statement_gets_a_korean_message(self):
        self.client.force_login(self.operator)
        for upload in (
            SimpleUploadedFile("notes.csv", "안녕하세요,반갑습니다\n".encode()),
            SimpleUploadedFile("fake.xlsx", b"not a workbook"),
            SimpleUploadedFile("photo.png", b"\x89PNG"),
        ):
            with self.subTest(upload.name):
                response = self.client.post(
                    "/dashboard/deposits/statement/", {"statement": upload}, follow=True
                )
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "alert")
        self.assertFalse(Order.objects.filter(status="Paid").exists())

    def test_the_list_pages_by_fifty(self):
        page = self.desk()
        self.assertEqual(page.context["page_obj"].paginator.per_page, 50)
        self.assertContains(page, "입금 대기 주문 3건")
