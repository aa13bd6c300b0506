"""The world the attack suite runs against: one of each role and of each thing they own."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, TestCase
from django.utils import timezone
from oscar.core.loading import get_model

from cms_pages.models import EventRegistration
from commerce.bookings.models import Booking
from commerce.core.roles import CONTENTS_CREATORS, EDITORS, MARKET_CREATORS
from commerce.mc.models import MarketCreator, PayoutStatement
from commerce.membership.models import DuesInvoice, Grade, Membership, PartnerApplication
from commerce.membership.services import memberships_suspend_overdue
from tests.factories.commerce import (
    checkout_pay,
    create_customer,
    create_goods,
    create_partner_user,
    create_service,
    slot_time,
)
from tests.factories.mc import approved_mc
from tests.factories.pages import PageTree

Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")


class SecurityWorld(TestCase):
    """Three partners (A, B, and S whose dues are overdue), a customer with two orders and a
    booking, a CC, an editor, an operator, an MC with a statement, a pending MC and a
    pending partner application, a story and an event with a registration."""

    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        tree = PageTree(indexes=("stories", "events"))
        cls.story = tree.story()
        cls.event = tree.event()
        EventRegistration.objects.create(event=cls.event, name="김참가", phone="010-2222-3333")

        cls.partner_a = Partner.objects.create(name="가나 협동조합", code="ga")
        cls.partner_b = Partner.objects.create(name="다라 사회적기업", code="da")
        cls.partner_s = Partner.objects.create(name="마바 마을기업", code="ma")
        cls.goods_a = create_goods(partner=cls.partner_a, title="가나 쌀", price=20000, stock=9)
        cls.goods_b = create_goods(partner=cls.partner_b, title="다라 잼", price=8000, stock=9)
        cls.goods_s = create_goods(partner=cls.partner_s, title="마바 비누", price=5000, stock=9)
        cls.service_a = create_service(partner=cls.partner_a, title="가나 돌봄 상담")

        grade = Grade.objects.create(
            code="regular", name="정회원", listing_limit=50, promotion_slots=1, annual_dues=1000
        )
        membership = Membership.objects.create(
            partner=cls.partner_s, grade=grade, since=timezone.localdate()
        )
        cls.invoice = DuesInvoice.objects.create(
            membership=membership,
            year=2026,
            amount=1000,
            due_date=timezone.localdate() - datetime.timedelta(days=60),
        )
        assert memberships_suspend_overdue() == [cls.partner_s]

        cls.users = {
            "customer": create_customer("buyer@example.kr"),
            "cc": create_customer("writer@example.kr"),
            "editor": create_customer("editor@thecen.kr"),
            "operator": User.objects.create_superuser(
                username="operator", email="ops@thecen.kr", password="x-operator-pass"
            ),
            "partner_a": create_partner_user(cls.partner_a, "ga@ga.kr"),
            "partner_b": create_partner_user(cls.partner_b, "da@da.kr"),
            "suspended": create_partner_user(cls.partner_s, "ma@ma.kr"),
            "mc": create_customer("dongne@mc.example"),
        }
        for role, group in (
            ("cc", CONTENTS_CREATORS),
            ("editor", EDITORS),
            ("mc", MARKET_CREATORS),
        ):
            cls.users[role].groups.add(Group.objects.get(name=group))
        cls.mc = approved_mc(code="dongne", user=cls.users["mc"])
        cls.statement = PayoutStatement.objects.create(
            mc=cls.mc,
            period=datetime.date(2026, 10, 1),
            gross=3000,
            reversals=0,
            withholding=99,
            net=2901,
            paid_at=timezone.now(),
        )
        cls.pending_mc = MarketCreator.objects.create(
            user=create_customer("newmc@example.kr"),
            name="새내기",
            kind="individual",
            email="newmc@example.kr",
            phone="010-5555-6666",
            status=MarketCreator.Status.PENDING,
        )
        cls.application = PartnerApplication.objects.create(
            name="사하 협동조합",
            kind="cooperative",
            brn="1234567891",
            representative="사대표",
            contact_name="하담당",
            phone="02-000-1111",
            email="office@saha.example",
            postcode="03994",
            address="서울특별시 마포구 성미산로 1",
            principles_version="2026-01",
            principles_accepted_at=timezone.now(),
            ethics_version="2026-01",
            ethics_accepted_at=timezone.now(),
        )

        # The customer's orders: one with both partners' goods, one with partner A's only,
        # and a booking of partner A's service.
        shopper = Client()
        shopper.force_login(cls.users["customer"])
        shopper.post(f"/basket/add/{cls.goods_a.pk}/", {"quantity": 1})
        shopper.post(f"/basket/add/{cls.goods_b.pk}/", {"quantity": 1})
        checkout_pay(shopper, shipping=True)
        shopper.post(f"/basket/add/{cls.goods_a.pk}/", {"quantity": 2})
        checkout_pay(shopper, shipping=True)
        orders = list(Order.objects.order_by("pk"))
        assert len(orders) == 2, orders
        cls.shared_order, cls.order_a = orders
        shopper.post(
            f"/services/{cls.service_a.product_id}/reserve/",
            {"starts_at": slot_time(cls.service_a).isoformat(), "places": 1},
        )
        checkout_pay(shopper)
        cls.booking = Booking.objects.get()
