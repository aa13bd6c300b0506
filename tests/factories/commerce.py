"""Builders for partners, services and checkout journeys used by the commerce tests."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone
from oscar.core.loading import get_model

from commerce.bookings.models import Service, WeeklySlot

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

PASSWORD = "correct-horse-battery"


def create_customer(email: str, **extra):
    user = get_user_model().objects.create_user(
        username=email.split("@")[0], email=email, password=PASSWORD, **extra
    )
    return user


def create_partner_user(partner, email: str):
    user = create_customer(email)
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    partner.users.add(user)
    return user


def create_goods(*, partner, title: str, price: int, stock: int, upc: str = ""):
    goods_class, _ = ProductClass.objects.get_or_create(
        slug="goods", defaults={"name": "상품", "requires_shipping": True, "track_stock": True}
    )
    product = Product.objects.create(
        title=title, product_class=goods_class, structure=Product.STANDALONE, upc=upc or None
    )
    StockRecord.objects.create(
        product=product,
        partner=partner,
        partner_sku=f"SKU-{product.pk}",
        price_currency="KRW",
        price=Decimal(price),
        num_in_stock=stock,
    )
    return product


def next_weekday(weekday: int, *, after_days: int = 2) -> datetime.date:
    day = timezone.localdate() + datetime.timedelta(days=after_days)
    while day.weekday() != weekday:
        day += datetime.timedelta(days=1)
    return day


def create_service(
    *,
    partner,
    title: str = "어르신 방문 돌봄 상담",
    price: int = 30000,
    capacity: int = 2,
    start: datetime.time = datetime.time(10, 0),
    onsite_payment: bool = False,
    cancel_hours: int = 24,
):
    """A service bookable every day at ``start`` for ``capacity`` people."""
    service_class = ProductClass.objects.get(slug="service")
    product = Product.objects.create(
        title=title, product_class=service_class, structure=Product.STANDALONE
    )
    StockRecord.objects.create(
        product=product,
        partner=partner,
        partner_sku=f"SVC-{product.pk}",
        price_currency="KRW",
        price=Decimal(price),
    )
    service = Service.objects.create(
        product=product,
        group="care",
        duration_minutes=60,
        place="서울 마포구 성미산로 1, 2층 상담실",
        onsite_payment=onsite_payment,
        cancel_hours=cancel_hours,
    )
    for weekday in range(7):
        WeeklySlot.objects.create(service=service, weekday=weekday, start=start, capacity=capacity)
    return service


def slot_time(service, *, after_days: int = 2) -> datetime.datetime:
    """A start time of ``service`` at least ``after_days`` from today, in Seoul."""
    day = timezone.localdate() + datetime.timedelta(days=after_days)
    start = service.weekly_slots.first().start
    return datetime.datetime.combine(day, start, tzinfo=timezone.get_current_timezone())


def checkout_pay(
    client, *, method: str = "bank-transfer", shipping: bool = False, postcode: str = "03154"
):
    """Walk Oscar's checkout forms from the basket to the thank-you page."""
    if shipping:
        client.get("/checkout/")
        client.post(
            "/checkout/shipping-address/",
            {
                "first_name": "김하나",
                "phone_number": "010-1234-5678",
                "postcode": postcode,
                "line1": "서울특별시 종로구 세종대로 175",
                "line2": "3층",
                "country": "KR",
            },
        )
        client.post("/checkout/shipping-method/", {"method_code": "partner-shipping"})
    client.get("/checkout/", follow=True)
    client.post("/checkout/preview/", {"payment_method": method})
    return client.post("/checkout/preview/", {"action": "place_order"}, follow=True)
