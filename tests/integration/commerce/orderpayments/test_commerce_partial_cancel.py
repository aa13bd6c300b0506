"""Cancelling part of an order: the amount to transfer drops, or a refund is recorded."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from oscar.core.loading import get_model

from commerce.bookings.models import Booking
from commerce.bookings.selectors import slot_places_taken
from commerce.mc.models import CommissionRule, LedgerEntry, MarketCreator
from tests.factories.commerce import (
    PASSWORD,
    checkout_pay,
    create_customer,
    create_goods,
    create_partner_user,
    create_service,
    slot_time,
)

Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


def cancel_form(line, quantity=None):
    return {
        "line_action": "change_line_statuses",
        "selected_line": [line.pk],
        f"selected_line_qty_{line.pk}": quantity or line.quantity,
        "new_status": "Cancelled",
    }


class PartialCancelTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pa_a = Partner.objects.create(name="가나 협동조합", code="ga")
        cls.pa_b = Partner.objects.create(name="다라 사회적기업", code="da")
        cls.goods_a = create_goods(partner=cls.pa_a, title="유기농 현미", price=32000, stock=9)
        cls.goods_b = create_goods(partner=cls.pa_b, title="수제 딸기잼", price=15000, stock=9)
        cls.service_b = create_service(partner=cls.pa_b, title="목공 교실", price=30000)
        cls.onsite_b = create_service(
            partner=cls.pa_b, title="가구 수리 상담", price=20000, onsite_payment=True
        )
        cls.pa_user_a = create_partner_user(cls.pa_a, "ga@ga.kr")
        cls.pa_user_b = create_partner_user(cls.pa_b, "da@da.kr")
        cls.operator = get_user_model().objects.create_superuser(
            username="operator", email="ops@thecen.kr", password=PASSWORD
        )
        cls.customer = create_customer("buyer@example.kr")

    def place_order(self, *, via=""):
        """The customer buys 2 × 유기농 현미 (PA 가나) and 1 × 수제 딸기잼 (PA 다라): ₩79,000."""
        self.client.login(username="buyer", password=PASSWORD)
        if via:
            self.client.get(via)
        self.client.post(f"/basket/add/{self.goods_a.pk}/", {"quantity": 2})
        self.client.post(f"/basket/add/{self.goods_b.pk}/", {"quantity": 1})
        checkout_pay(self.client, shipping=True)
        order = Order.objects.latest("id")
        self.assertEqual(order.total_incl_tax, Decimal(79000))
        return order, order.lines.get(partner=self.pa_a), order.lines.get(partner=self.pa_b)

    def dashboard_cancel(self, user, order, line, **extra):
        self.client.force_login(user)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                f"/dashboard/orders/{order.number}/", {**cancel_form(line), **extra}, follow=True
            )

    def allocated(self, product):
        return StockRecord.objects.get(product=product).num_allocated

    def test_partner_cancels_its_line_and_the_customer_transfers_less(self):
        order, line_a, _line_b = self.place_order()
        # another customer's unpaid order holds 3 more, so a double release would show
        StockRecord.objects.filter(product=self.goods_a).update(num_allocated=5)
        emails = len(mail.outbox)

        # when PA 가나 cancels its line in the dashboard, with a reason for the customer
        self.client.force_login(self.pa_user_a)
        form = self.client.get(f"/dashboard/orders/{order.number}/")
        self.assertContains(form, f'name="selected_line" value="{line_a.pk}"')
        self.assertContains(form, "취소 사유(고객에게 안내됩니다)")
        page = self.dashboard_cancel(self.pa_user_a, order, line_a, reason="재고 착오")

        # then it is told the new amount; stock returns; a note is written
        self.assertContains(page, "고객이 입금할 금액은 이제 ₩15,000입니다")
        self.assertEqual(self.allocated(self.goods_a), 3)
        order.refresh_from_db()
        self.assertEqual((order.status, order.total_incl_tax), ("Awaiting deposit", 15000))
        self.assertEqual(order.sources.get().amount_allocated, 15000)
        self.assertTrue(order.notes.filter(message__contains="₩79,000 → ₩15,000").exists())
        # the customer is emailed the new amount and sees it on the order page
        self.assertEqual(len(mail.outbox), emails + 1)
        self.assertEqual(mail.outbox[-1].to, ["buyer@example.kr"])
        self.assertIn("₩15,000", mail.outbox[-1].body)
        self.assertIn("재고 착오", mail.outbox[-1].body)
        self.assertNotIn(".00", mail.outbox[-1].body)
        self.client.force_login(self.customer)
        mine = self.client.get(f"/accounts/orders/{order.number}/")
        self.assertContains(mine, "입금하실 금액: ₩15,000")
        self.assertContains(mine, "131-000-000000")
        self.assertContains(mine, 'data-testid="cancelled-line">유기농 현미 × 2')

        # a second submit of the same form changes nothing
        again = self.dashboard_cancel(self.pa_user_a, order, line_a)
        self.assertContains(again, "이미 취소된 항목입니다: 유기농 현미")
        self.assertEqual(self.allocated(self.goods_a), 3)
        self.assertEqual(len(mail.outbox), emails + 1)
        order.refresh_from_db()
        self.assertEqual(order.total_incl_tax, 15000)

        # the operator sees ₩15,000 to check and confirms it: the order is paid
        self.client.force_login(self.operator)
        deposits = self.client.get("/dashboard/deposits/")
        self.assertContains(deposits, "₩15,000")
        self.client.post(
            "/dashboard/deposits/confirm/",
            {"order": order.number, f"amount-{order.number}": "15000.00", "step": "confirm"},
        )
        order.refresh_from_db()
        self.assertEqual(order.status, "Paid")
        self.assertEqual(order.payment_events.get(event_type__name="Paid").amount, 15000)
        self.assertEqual(order.lines.get(pk=line_a.pk).status, "Cancelled")

    def test_another_partners_line_is_refused_and_nothing_changes(self):
        order, _line_a, line_b = self.place_order()
        emails = len(mail.outbox)
        page = self.dashboard_cancel(self.pa_user_a, order, line_b)
        self.assertContains(page, "우리 공급사의 주문 항목만 처리할 수 있습니다")
        line_b.refresh_from_db()
        order.refresh_from_db()
        self.assertEqual((line_b.status, order.total_incl_tax), ("Awaiting deposit", 79000))
        self.assertEqual(self.allocated(self.goods_b), 1)
        self.assertEqual(len(mail.outbox), emails)

    def test_cancelling_the_last_live_line_cancels_the_order(self):
        order, line_a, line_b = self.place_order()
        self.dashboard_cancel(self.pa_user_a, order, line_a)
        # the operator cancels what is left
        page = self.dashboard_cancel(self.operator, order, line_b)
        self.assertContains(page, "마지막 항목이 취소되어 주문 전체가 취소되었습니다")
        order.refresh_from_db()
        self.assertEqual(order.status, "Cancelled")
        self.assertIsNotNone(order.payment.cancelled_at)
        self.assertEqual((self.allocated(self.goods_a), self.allocated(self.goods_b)), (0, 0))
        self.assertIn("남은 상품이 없어 주문이 취소되었습니다", mail.outbox[-1].body)
        self.client.force_login(self.customer)
        mine = self.client.get(f"/accounts/orders/{order.number}/")
        self.assertNotContains(mine, "입금하실 금액")
        self.client.force_login(self.operator)
        self.assertNotContains(self.client.get("/dashboard/deposits/"), order.number)

    def test_a_deposit_checked_against_the_old_amount_is_refused(self):
        order, line_a, _line_b = self.place_order()
        # the operator's deposits page still showed ₩79,000 when a line was cancelled
        self.dashboard_cancel(self.pa_user_a, order, line_a)
        self.client.force_login(self.operator)
        page = self.client.post(
            "/dashboard/deposits/confirm/",
            {"order": order.number, f"amount-{order.number}": "79000.00", "step": "confirm"},
            follow=True,
        )
        self.assertContains(page, "입금할 금액이 ₩15,000(으)로 바뀌었습니다")
        order.refresh_from_db()
        self.assertEqual(order.status, "Awaiting deposit")

    def test_paid_order_line_cancellation_records_a_refund_and_reverses_commission_once(self):
        CommissionRule.objects.create(mc_kind="individual", rate=Decimal("10"))
        mc = MarketCreator.objects.create(
            user=create_customer("mc@example.kr"),
            name="동네 엠씨",
            kind="individual",
            email="mc@example.kr",
            phone="010-1111-2222",
            code="dongne",
            status="approved",
        )
        order, line_a, _line_b = self.place_order(via="/catalogue/?mc=dongne")
        self.client.force_login(self.operator)
        self.client.post(
            "/dashboard/deposits/confirm/",
            {"order": order.number, f"amount-{order.number}": "79000.00", "step": "confirm"},
        )
        self.assertEqual(LedgerEntry.objects.filter(mc=mc, kind="commission").count(), 2)

        page = self.dashboard_cancel(self.pa_user_a, order, line_a)
        self.assertContains(page, "₩64,000 환불이 기록되었습니다")
        self.dashboard_cancel(self.pa_user_a, order, line_a)

        order.refresh_from_db()
        # what was paid stays the order total; the refund is recorded beside it
        self.assertEqual((order.status, order.total_incl_tax), ("Paid", 79000))
        self.assertEqual(order.payment_events.get(event_type__name="Refunded").amount, 64000)
        self.assertEqual(order.sources.get().amount_refunded, 64000)
        reversal = LedgerEntry.objects.get(kind="reversal")
        self.assertEqual((reversal.order_line_id, reversal.amount), (line_a.pk, -6400))
        self.assertIn("₩64,000", mail.outbox[-1].body)
        self.client.force_login(self.customer)
        self.assertContains(self.client.get(f"/accounts/orders/{order.number}/"), "₩64,000")

    def test_customer_cancels_a_booking_line_and_transfers_less(self):
        # given one order with a booked class and a bag of rice
        self.client.login(username="buyer", password=PASSWORD)
        starts_at = slot_time(self.service_b)
        self.client.post(
            f"/services/{self.service_b.product.pk}/reserve/",
            {"starts_at": starts_at.isoformat(), "places": 1},
        )
        self.client.post(f"/basket/add/{self.goods_a.pk}/", {"quantity": 1})
        checkout_pay(self.client, shipping=True)
        order = Order.objects.get()
        self.assertEqual(order.total_incl_tax, 62000)
        booking = Booking.objects.get()

        # when the customer cancels the booking from "my bookings" (and the form is sent twice)
        emails = len(mail.outbox)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/accounts/bookings/{booking.pk}/cancel/")
            again = self.client.post(f"/accounts/bookings/{booking.pk}/cancel/", follow=True)
        self.assertContains(again, "이 예약은 취소할 수 없습니다")

        # then the place is free, the order waits for ₩32,000, and the customer is told
        booking.refresh_from_db()
        self.assertEqual(booking.status, "cancelled")
        self.assertEqual(slot_places_taken(slot=booking.slot, now=starts_at.replace(hour=0)), 0)
        order.refresh_from_db()
        self.assertEqual((order.status, order.total_incl_tax), ("Awaiting deposit", 32000))
        self.assertEqual(len(mail.outbox), emails + 1)
        self.assertIn("₩32,000", mail.outbox[-1].body)
        self.assertIn("목공 교실", mail.outbox[-1].body)
        mine = self.client.get(f"/accounts/orders/{order.number}/")
        self.assertContains(mine, "입금하실 금액: ₩32,000")

    def test_partner_cancels_a_paid_booking_line_and_the_place_and_money_go_back(self):
        # given a booked class, paid
        self.client.login(username="buyer", password=PASSWORD)
        starts_at = slot_time(self.service_b)
        self.client.post(
            f"/services/{self.service_b.product.pk}/reserve/",
            {"starts_at": starts_at.isoformat(), "places": 1},
        )
        checkout_pay(self.client)
        order = Order.objects.get()
        self.client.force_login(self.operator)
        self.client.post(
            "/dashboard/deposits/confirm/",
            {"order": order.number, f"amount-{order.number}": "30000.00", "step": "confirm"},
        )

        # when the partner cancels the line in the order dashboard
        line = order.lines.get()
        page = self.dashboard_cancel(self.pa_user_b, order, line, reason="강사 사정")

        # then the order is cancelled and refunded, the place is free and the customer sees why
        self.assertContains(page, "마지막 항목이 취소되어 주문 전체가 취소되었습니다")
        booking = Booking.objects.get()
        self.assertEqual((booking.status, booking.refund_amount), ("cancelled", 30000))
        self.assertEqual(slot_places_taken(slot=booking.slot, now=starts_at.replace(hour=0)), 0)
        order.refresh_from_db()
        self.assertEqual(order.payment_events.get(event_type__name="Refunded").amount, 30000)
        self.assertIn("₩30,000", mail.outbox[-1].body)
        self.client.force_login(self.customer)
        self.assertContains(self.client.get("/accounts/bookings/"), "강사 사정")

    def test_cancelling_one_of_two_bookings_paid_on_site_tells_the_new_amount_to_pay_there(self):
        # given two sessions of a service paid on site, in one order
        self.client.login(username="buyer", password=PASSWORD)
        for days in (2, 3):
            self.client.post(
                f"/services/{self.onsite_b.product.pk}/reserve/",
                {"starts_at": slot_time(self.onsite_b, after_days=days).isoformat(), "places": 1},
            )
        checkout_pay(self.client, method="on-site")
        order = Order.objects.get()
        self.assertEqual((order.status, order.total_incl_tax), ("Pay on site", 40000))

        # when the customer cancels the first one
        first = Booking.objects.order_by("slot__starts_at").first()
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/accounts/bookings/{first.pk}/cancel/")

        # then the order asks for ₩20,000 on site, with no bank transfer
        order.refresh_from_db()
        self.assertEqual((order.status, order.total_incl_tax), ("Pay on site", 20000))
        self.assertIn("현장에서 ₩20,000", mail.outbox[-1].body)
        self.assertNotIn("131-000-000000", mail.outbox[-1].body)
        self.assertNotContains(
            self.client.get(f"/accounts/orders/{order.number}/"), "입금하실 금액"
        )
