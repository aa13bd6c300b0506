"""Bank-transfer orders: the deadline, the operator's confirmation, cancellation after it."""

import datetime
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from oscar.core.loading import get_model

from tests.factories.commerce import checkout_pay, create_customer, create_goods

Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


class BankTransferOrderTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = Partner.objects.create(name="마을공방", code="maeul-craft")
        cls.product = create_goods(partner=cls.partner, title="업사이클 도마", price=32000, stock=3)
        cls.customer = create_customer("buyer@example.kr")
        cls.operator = create_customer("ops@thecen.kr", is_staff=True)

    def buy(self, quantity=2):
        self.client.force_login(self.customer)
        self.client.post(f"/basket/add/{self.product.pk}/", {"quantity": quantity})
        return checkout_pay(self.client, shipping=True)

    def test_thank_you_shows_account_total_and_deadline(self):
        response = self.buy()
        order = Order.objects.get()
        self.assertContains(response, "₩64,000")
        self.assertContains(response, "131-000-000000")
        deadline = timezone.localtime(order.payment.deadline)
        self.assertEqual((deadline.hour, deadline.minute), (23, 59))
        self.assertEqual(
            deadline.date(), timezone.localdate(order.date_placed) + datetime.timedelta(days=3)
        )
        self.assertEqual(order.status, "Awaiting deposit")

    def test_place_order_posted_twice_creates_one_order(self):
        self.buy()
        again = self.client.post("/checkout/preview/", {"action": "place_order"}, follow=True)
        self.assertEqual(Order.objects.count(), 1)
        self.assertEqual(StockRecord.objects.get(product=self.product).num_allocated, 2)
        self.assertNotContains(again, "A problem occurred", status_code=again.status_code)

    def test_operator_confirms_the_deposit_and_the_order_is_paid(self):
        self.buy()
        order = Order.objects.get()
        # a customer cannot reach the operators' page
        self.assertNotEqual(self.client.get("/dashboard/deposits/").status_code, 200)
        self.client.force_login(self.operator)
        page = self.client.get("/dashboard/deposits/")
        self.assertContains(page, order.number)
        # two steps: the row's button asks, the second page confirms
        data = {"order": order.number, f"amount-{order.number}": str(order.total_incl_tax)}
        self.client.post("/dashboard/deposits/confirm/", data)
        order.refresh_from_db()
        self.assertEqual(order.status, "Awaiting deposit")
        self.client.post("/dashboard/deposits/confirm/", {**data, "step": "confirm"})
        order.refresh_from_db()
        self.assertEqual(order.status, "Paid")
        self.assertTrue(all(line.status == "Paid" for line in order.lines.all()))
        self.assertNotContains(self.client.get("/dashboard/deposits/"), "deposit-row")

    def test_orders_expire_cancels_after_the_deadline_and_returns_the_stock(self):
        self.buy()
        order = Order.objects.get()
        self.assertEqual(StockRecord.objects.get(product=self.product).num_allocated, 2)
        # before the deadline nothing happens
        call_command("orders_expire", stdout=StringIO())
        order.refresh_from_db()
        self.assertEqual(order.status, "Awaiting deposit")
        # after it, the order is cancelled and the stock can be sold again
        order.payment.deadline = timezone.now() - datetime.timedelta(minutes=1)
        order.payment.save()
        out = StringIO()
        call_command("orders_expire", stdout=out)
        self.assertIn(order.number, out.getvalue())
        order.refresh_from_db()
        self.assertEqual(order.status, "Cancelled")
        self.assertEqual(StockRecord.objects.get(product=self.product).num_allocated, 0)

    def test_status_changes_in_oscars_dashboard_go_through_the_same_rules(self):
        self.buy()
        order = Order.objects.get()
        # Oscar 4's order dashboard wants model permissions; the secretariat's admins have them
        self.client.force_login(
            get_user_model().objects.create_superuser(
                username="admin", email="admin@thecen.kr", password="pw-admin-123"
            )
        )
        url = f"/dashboard/orders/{order.number}/"
        self.client.post(url, {"order_action": "change_order_status", "new_status": "Paid"})
        order.refresh_from_db()
        self.assertEqual(order.status, "Paid")
        self.assertIsNotNone(order.payment.paid_at)
        self.client.post(url, {"order_action": "change_order_status", "new_status": "Cancelled"})
        order.refresh_from_db()
        self.assertEqual(order.status, "Cancelled")
        self.assertEqual(StockRecord.objects.get(product=self.product).num_allocated, 0)
        self.assertTrue(order.payment_events.filter(event_type__name="Refunded").exists())
