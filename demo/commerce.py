"""Demo partner agency with goods and a bookable service, grades, and an MC with sales."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from commerce.bookings.models import Service, WeeklySlot
from commerce.mc.models import Click, CommissionRule, MarketCreator, OrderAttribution
from commerce.membership.models import Grade, PartnerApplication
from commerce.membership.services import membership_approve
from commerce.orderpayments.methods import PaymentMethod
from commerce.orderpayments.services import order_payment_confirm, order_payment_open
from demo.catalogue import listing

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")
create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")

GRADES = [
    ("associate", "준회원", 10, 0, 120_000),
    ("regular", "정회원", 50, 2, 300_000),
    ("excellent", "우수회원", 200, 5, 500_000),
]
RULES = [("corporate", "5"), ("individual", "7"), ("public-interest", "6"), ("celebrity", "10")]
DEMO_BRN = "1018600011"  # a made-up number with a valid check digit

# (upc, category, title, description, price, stock)
GOODS = [
    (
        "CEN-P-101",
        "먹거리 > 반찬",
        "어르신 손맛 반찬 세 가지",
        "돌봄 조합 주방에서 매일 만드는 나물과 조림 반찬입니다.",
        15000,
        30,
    ),
    (
        "CEN-P-102",
        "생활용품 > 돌봄",
        "면 소재 무릎 담요",
        "돌봄 이용자들이 직접 골라 만든 부드러운 담요입니다.",
        22000,
        15,
    ),
]
# (upc, group, category, title, description, price, place, weekly starts, capacity, on-site)
SERVICES = [
    (
        "CEN-S-501",
        "care",
        "서비스 > 돌봄",
        "어르신 가정 방문 돌봄 상담",
        "요양보호사가 댁을 방문해 생활과 건강 상태를 함께 살피고 돌봄 계획을 세웁니다.",
        30000,
        "서울 마포구 성미산로 17 햇살돌봄 상담실",
        [(d, datetime.time(10, 0)) for d in range(5)]
        + [(d, datetime.time(14, 0)) for d in range(5)],
        3,
        True,
    ),
    (
        "CEN-S-502",
        "education",
        "서비스 > 교육",
        "가족 돌봄자를 위한 기초 교육",
        "집에서 부모님을 모시는 가족을 위한 두 시간짜리 소모임 교육입니다.",
        10000,
        "서울 마포구 성미산로 17 2층 교육장",
        [(5, datetime.time(10, 0))],
        8,
        False,
    ),
]


def _grades() -> dict:
    grades = {}
    for code, name, limit, slots, dues in GRADES:
        grades[code], _ = Grade.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "listing_limit": limit,
                "promotion_slots": slots,
                "annual_dues": dues,
                "rank": len(grades),
            },
        )
    return grades


def _partner(grade):
    application = PartnerApplication.objects.filter(brn=DEMO_BRN).first()
    if application is None:
        now = timezone.now()
        application = PartnerApplication.objects.create(
            name="햇살돌봄 사회적협동조합",
            kind="cooperative",
            brn=DEMO_BRN,
            representative="한햇살",
            contact_name="오담당",
            phone="02-332-1004",
            email="office@haessal.example",
            postcode="03994",
            address="서울특별시 마포구 성미산로 17",
            address_detail="1층",
            principles_version="2026-01",
            principles_accepted_at=now,
            ethics_version="2026-01",
            ethics_accepted_at=now,
        )
    if application.partner_id is None:
        membership_approve(application=application, grade=grade, by=None)
        application.refresh_from_db()
    return application.partner


def _mc(products):
    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username="mc-dongne", defaults={"email": "dongne@mc.example", "first_name": "김동네"}
    )
    mc, _ = MarketCreator.objects.get_or_create(
        code="dongne",
        defaults={
            "user": user,
            "name": "김동네",
            "kind": "individual",
            "email": "dongne@mc.example",
            "phone": "010-2024-1004",
            "community": "마포구 공동육아 모임",
            "status": MarketCreator.Status.APPROVED,
            "withholding_rate": Decimal("3.30"),
        },
    )
    if OrderAttribution.objects.filter(mc=mc).exists():
        return mc
    Click.objects.bulk_create(
        [Click(mc=mc, source_page=page) for page in ("/", "/catalogue/", "/catalogue/", "/")]
    )
    buyer, _ = User.objects.get_or_create(
        username="demo-buyer", defaults={"email": "buyer@demo.example", "first_name": "이소비"}
    )
    for index, product in enumerate(products):
        order = demo_order(buyer=buyer, product=product, paid=False)
        OrderAttribution.objects.create(
            order=order, mc=mc, source_page="/catalogue/", clicked_at=timezone.now()
        )
        if index == 0:
            order_payment_confirm(order=order, by=None)
    return mc


def load() -> None:
    grades = _grades()
    for kind, rate in RULES:
        CommissionRule.objects.get_or_create(
            mc_kind=kind, category=None, campaign=None, defaults={"rate": Decimal(rate)}
        )
    partner = _partner(grades["regular"])
    goods_class, _ = ProductClass.objects.get_or_create(
        slug="goods", defaults={"name": "상품", "requires_shipping": True, "track_stock": True}
    )
    service_class = ProductClass.objects.get(slug="service")
    goods = [listing(partner, goods_class, *row) for row in GOODS]
    for upc, group, path, title, description, price, place, starts, capacity, onsite in SERVICES:
        product = listing(partner, service_class, upc, path, title, description, price, 0)
        service, created = Service.objects.get_or_create(
            product=product,
            defaults={
                "group": group,
                "duration_minutes": 60 if group == "care" else 120,
                "place": place,
                "consult_first": group == "care",
                "onsite_payment": onsite,
                "horizon_days": 28,
                "cancel_hours": 24,
                "cancellation_policy": "시작 24시간 전까지 취소하시면 전액 환불해 드립니다.",
            },
        )
        if created:
            for weekday, start in starts:
                WeeklySlot.objects.create(
                    service=service, weekday=weekday, start=start, capacity=capacity
                )
    _mc(goods)


def demo_order(*, buyer, product, paid: bool = True):
    """One unit of ``product`` ordered by ``buyer`` through Oscar's basket and order creator,
    by bank transfer, and its deposit confirmed when ``paid``."""
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Selector().strategy(user=buyer)
    basket.add_product(product, quantity=1)
    shipping = NoShippingRequired()
    charge = shipping.calculate(basket)
    order = OrderCreator().place_order(
        basket=basket,
        total=OrderTotalCalculator().calculate(basket, charge),
        shipping_method=shipping,
        shipping_charge=charge,
        user=buyer,
    )
    basket.submit()
    order_payment_open(order=order, method=PaymentMethod.BANK_TRANSFER)
    if paid:
        order_payment_confirm(order=order, by=None)
    return order
