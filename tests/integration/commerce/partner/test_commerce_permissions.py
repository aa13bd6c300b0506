"""Who may open which commerce page: PA, MC, CC/editor, operator, customer, anonymous."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from oscar.core.loading import get_model

from commerce.bookings.models import Booking
from commerce.core.roles import EDITORS, MODERATORS
from commerce.mc.models import MarketCreator
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

ALLOWED, DENIED = "allowed", "denied"


class PermissionMatrixTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pa_a = Partner.objects.create(name="가나 협동조합", code="ga")
        cls.pa_b = Partner.objects.create(name="다라 사회적기업", code="da")
        cls.goods_a = create_goods(partner=cls.pa_a, title="가나 유기농 쌀", price=20000, stock=9)
        cls.goods_b = create_goods(partner=cls.pa_b, title="다라 수제 잼", price=8000, stock=9)
        cls.service_b = create_service(partner=cls.pa_b, title="다라 목공 교실")
        cls.users = {
            "pa": create_partner_user(cls.pa_a, "ga@ga.kr"),
            "pa_other": create_partner_user(cls.pa_b, "da@da.kr"),
            "mc": create_customer("mc@example.kr"),
            "cc": create_customer("writer@example.kr"),
            "editor": create_customer("editor@thecen.kr"),
            "operator": get_user_model().objects.create_superuser(
                username="operator", email="ops@thecen.kr", password=PASSWORD
            ),
            "customer": create_customer("buyer@example.kr"),
        }
        MarketCreator.objects.create(
            user=cls.users["mc"],
            name="엠씨",
            kind="individual",
            email="mc@example.kr",
            phone="010-1111-2222",
            code="emc",
            status="approved",
        )
        # Wagtail's own groups; made again here in case a transactional test flushed them
        access_admin = Permission.objects.get(codename="access_admin")
        for who, name in (("cc", EDITORS), ("editor", MODERATORS)):
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.add(access_admin)
            cls.users[who].groups.add(group)

    def status(self, who, url):
        self.client.logout()
        if who != "anonymous":
            self.client.force_login(self.users[who])
        code = self.client.get(url).status_code
        return ALLOWED if code == 200 else DENIED

    def test_matrix(self):
        matrix = {
            "/dashboard/catalogue/": {"pa", "pa_other", "operator"},
            "/dashboard/orders/": {"pa", "pa_other", "operator"},
            "/dashboard/bookings/": {"pa", "pa_other", "operator"},
            "/dashboard/deposits/": {"operator"},
            "/dashboard/partners/": {"operator"},
            "/cms/membership/partnerapplication/": {"operator"},
            # "cc" is in the Editors group here: editors keep MC profiles up to date
            "/cms/mc/marketcreator/": {"cc", "operator"},
            "/cms/mc/commissionrule/": {"operator"},
            "/cms/mc/ledgerentry/": {"operator"},
            "/cms/mc/payoutstatement/": {"operator"},
            "/mc/dashboard/": {"pa", "pa_other", "mc", "cc", "editor", "operator", "customer"},
            "/accounts/bookings/": {"pa", "pa_other", "mc", "cc", "editor", "operator", "customer"},
            "/partners/apply/": {
                "pa",
                "pa_other",
                "mc",
                "cc",
                "editor",
                "operator",
                "customer",
                "anonymous",
            },
        }
        everyone = [*self.users, "anonymous"]
        problems = []
        for url, allowed in matrix.items():
            for who in everyone:
                expected = ALLOWED if who in allowed else DENIED
                got = self.status(who, url)
                if got != expected:
                    problems.append(f"{who} {url}: expected {expected}, got {got}")
        self.assertEqual(problems, [])

    def test_dashboard_menus_lead_partners_to_bookings_and_operators_to_deposits(self):
        self.client.force_login(self.users["pa"])
        page = self.client.get("/dashboard/")
        self.assertContains(page, 'href="/dashboard/bookings/"')
        self.assertNotContains(page, 'href="/dashboard/deposits/"')
        self.client.force_login(self.users["operator"])
        page = self.client.get("/dashboard/")
        self.assertContains(page, 'href="/dashboard/deposits/"')

    def test_each_partner_sees_and_fulfils_only_its_own_lines_of_a_shared_order(self):
        # given one order with goods from both partners
        self.client.login(username="buyer", password=PASSWORD)
        self.client.post(f"/basket/add/{self.goods_a.pk}/", {"quantity": 1})
        self.client.post(f"/basket/add/{self.goods_b.pk}/", {"quantity": 1})
        checkout_pay(self.client, shipping=True)
        order = Order.objects.get()
        url = f"/dashboard/orders/{order.number}/"

        self.client.force_login(self.users["pa"])
        page = self.client.get(url)
        self.assertContains(page, "가나 유기농 쌀")
        self.assertNotContains(page, "다라 수제 잼")
        # it cannot act on the other partner's line
        line_b = order.lines.get(partner=self.pa_b)
        self.client.post(
            url,
            {
                "line_action": "change_line_statuses",
                "selected_line": [line_b.pk],
                f"selected_line_qty_{line_b.pk}": 1,
                "new_status": "Paid",
            },
        )
        line_b.refresh_from_db()
        self.assertEqual(line_b.status, "Awaiting deposit")
        self.assertEqual(self.client.get(f"{url}lines/{line_b.pk}/").status_code, 404)
        # nor change the whole order
        self.client.post(url, {"order_action": "change_order_status", "new_status": "Cancelled"})
        order.refresh_from_db()
        self.assertEqual(order.status, "Awaiting deposit")

        # it may not mark its own line paid: payment is the operator's
        line_a = order.lines.get(partner=self.pa_a)
        line_form = {"line_action": "change_line_statuses", "selected_line": [line_a.pk]}
        line_form[f"selected_line_qty_{line_a.pk}"] = 1
        self.client.post(url, {**line_form, "new_status": "Paid"})
        line_a.refresh_from_db()
        self.assertEqual(line_a.status, "Awaiting deposit")

        self.client.force_login(self.users["pa_other"])
        page = self.client.get(url)
        self.assertContains(page, "다라 수제 잼")
        self.assertNotContains(page, "가나 유기농 쌀")
        # the other partner cancels its own line: its stock comes back, the order stays open
        self.client.post(
            url,
            {
                **line_form,
                "selected_line": [line_b.pk],
                f"selected_line_qty_{line_b.pk}": 1,
                "new_status": "Cancelled",
            },
        )
        line_b.refresh_from_db()
        self.assertEqual(line_b.status, "Cancelled")
        self.assertEqual(line_b.stockrecord.num_allocated, 0)
        order.refresh_from_db()
        self.assertEqual(order.status, "Awaiting deposit")

    def test_a_partner_cannot_open_or_list_another_partners_products_and_orders(self):
        self.client.login(username="buyer", password=PASSWORD)
        self.client.post(f"/basket/add/{self.goods_b.pk}/", {"quantity": 1})
        checkout_pay(self.client, shipping=True)
        order_b = Order.objects.get()
        self.client.force_login(self.users["pa"])
        edit = self.client.get(f"/dashboard/catalogue/products/{self.goods_b.pk}/")
        self.assertNotEqual(edit.status_code, 200)
        self.assertNotContains(self.client.get("/dashboard/orders/"), order_b.number)
        self.assertEqual(self.client.get(f"/dashboard/orders/{order_b.number}/").status_code, 404)
        self.client.force_login(self.users["pa_other"])
        self.assertContains(self.client.get("/dashboard/orders/"), order_b.number)

    def test_a_partner_sees_only_its_own_bookings(self):
        self.client.login(username="buyer", password=PASSWORD)
        self.client.post(
            f"/services/{self.service_b.product.pk}/reserve/",
            {"starts_at": slot_time(self.service_b).isoformat(), "places": 1},
        )
        checkout_pay(self.client)
        booking = Booking.objects.get()
        self.client.force_login(self.users["pa"])
        self.assertNotContains(self.client.get("/dashboard/bookings/"), "다라 목공 교실")
        self.client.post("/dashboard/bookings/", {"booking": booking.pk, "reason": "장난"})
        booking.refresh_from_db()
        self.assertEqual(booking.status, Booking.Status.AWAITING_DEPOSIT)
        self.client.force_login(self.users["pa_other"])
        self.assertContains(self.client.get("/dashboard/bookings/"), "다라 목공 교실")
