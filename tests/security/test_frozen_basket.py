"""A worker killed mid-checkout leaves the basket frozen without an order: the basket comes
back to its owner on the next visit, or by the hourly job; a checkout still running is left
alone."""

import datetime

from django.core.management import call_command
from django.test import Client, TestCase
from oscar.core.loading import get_model

from commerce.checkout.recovery import basket_freeze_stamp, baskets_frozen_orphaned
from tests.factories.commerce import checkout_pay, create_customer, create_goods

Basket = get_model("basket", "Basket")
Partner = get_model("partner", "Partner")


class FrozenBasketRecoveryTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        partner = Partner.objects.create(name="가나 협동조합", code="ga")
        cls.goods = create_goods(partner=partner, title="가나 쌀", price=20000, stock=9)
        cls.customer = create_customer("buyer@example.kr")

    def left_frozen(self, client):
        """What a worker killed after Oscar froze the basket leaves behind."""
        client.post(f"/basket/add/{self.goods.pk}/", {"quantity": 2})
        basket = Basket.objects.get(status=Basket.OPEN)
        basket.freeze()
        return basket

    def test_the_owner_gets_the_basket_back_on_the_next_visit(self):
        client = Client()
        client.force_login(self.customer)
        basket = self.left_frozen(client)

        page = client.get("/basket/")

        self.assertEqual(page.context["basket"].num_items, 2)
        self.assertContains(page, "가나 쌀")
        basket.refresh_from_db()
        self.assertNotEqual(basket.status, Basket.FROZEN)
        # and the checkout goes through with it: one order, no frozen basket left
        checkout_pay(client, shipping=True)
        self.assertEqual(self.customer.orders.count(), 1)
        self.assertFalse(baskets_frozen_orphaned().exists())

    def test_a_guest_gets_the_basket_back_through_its_cookie(self):
        client = Client()
        basket = self.left_frozen(client)

        page = client.get("/basket/")

        self.assertEqual(page.context["basket"].pk, basket.pk)
        self.assertEqual(page.context["basket"].num_items, 2)

    def test_the_job_reopens_baskets_nobody_came_back_for(self):
        basket = self.left_frozen(Client())
        Basket.objects.filter(pk=basket.pk).update(
            date_created=basket.date_created - datetime.timedelta(hours=2)
        )

        call_command("baskets_recover", "--minutes", "30")

        basket.refresh_from_db()
        self.assertEqual(basket.status, Basket.OPEN)
        self.assertFalse(baskets_frozen_orphaned().exists())

    def test_a_checkout_still_running_is_left_alone(self):
        client = Client()
        client.force_login(self.customer)
        basket = self.left_frozen(client)
        basket_freeze_stamp(basket=basket)  # the checkout that froze it is still paying

        client.get("/basket/")
        call_command("baskets_recover", "--minutes", "0")

        basket.refresh_from_db()
        self.assertEqual(basket.status, Basket.FROZEN)
