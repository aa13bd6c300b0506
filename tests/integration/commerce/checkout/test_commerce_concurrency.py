"""Real concurrent requests on PostgreSQL: row locks keep places, stock and orders right."""

import pytest
from django.test import Client
from oscar.core.loading import get_model

from commerce.bookings.models import Booking
from tests.concurrency import race
from tests.factories.commerce import (
    create_customer,
    create_goods,
    create_service,
    slot_time,
)

Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def logged_in_client(email):
    client = Client()
    client.force_login(create_customer(email))
    return client


def test_two_customers_racing_for_the_last_place_one_gets_it(postgres):
    partner = Partner.objects.create(name="마을돌봄", code="maeul")
    service = create_service(partner=partner, capacity=1)
    starts_at = slot_time(service)
    racers = [logged_in_client("a@example.kr"), logged_in_client("b@example.kr")]

    def reserve(client):
        return lambda: client.post(
            f"/services/{service.product.pk}/reserve/",
            {"starts_at": starts_at.isoformat(), "places": 1},
        )

    responses = race(*(reserve(c) for c in racers))

    assert Booking.objects.filter(slot__starts_at=starts_at).count() == 1
    # the one too late goes back to the service page, at its calendar
    back = service.product.get_absolute_url() + "#booking-title"
    locations = sorted(r["Location"] for r in responses)
    assert locations == sorted(["/checkout/", back])
    loser = racers[[r["Location"] for r in responses].index(back)]
    page = loser.get(service.product.get_absolute_url())
    assert "방금 이 시간의 예약이 모두 찼습니다" in page.content.decode()


def test_last_item_bought_by_two_at_once_is_sold_once(postgres):
    partner = Partner.objects.create(name="두레농장", code="dure")
    product = create_goods(partner=partner, title="마지막 꿀 한 병", price=18000, stock=1)
    buyers = [logged_in_client("c@example.kr"), logged_in_client("d@example.kr")]
    for client in buyers:
        client.post(f"/basket/add/{product.pk}/", {"quantity": 1})

    for client in buyers:
        checkout_pay_until_preview(client)

    responses = race(
        *(lambda c=c: c.post("/checkout/preview/", {"action": "place_order"}) for c in buyers)
    )

    assert Order.objects.count() == 1
    record = StockRecord.objects.get(product=product)
    assert record.num_allocated == 1
    assert record.num_in_stock - record.num_allocated == 0
    winner = [r for r in responses if r.status_code == 302]
    loser = [r for r in responses if r.status_code == 200]
    assert len(winner) == 1 and winner[0]["Location"] == "/checkout/thank-you/"
    assert len(loser) == 1
    assert "마지막 꿀 한 병은(는) 0개만 남았습니다" in loser[0].content.decode()


def test_place_order_submitted_twice_at_once_creates_one_order(postgres):
    partner = Partner.objects.create(name="해님베이커리", code="haenim")
    product = create_goods(partner=partner, title="우리밀 식빵", price=6500, stock=10)
    client = logged_in_client("e@example.kr")
    client.post(f"/basket/add/{product.pk}/", {"quantity": 2})
    checkout_pay_until_preview(client)

    responses = race(
        lambda: client.post("/checkout/preview/", {"action": "place_order"}),
        lambda: client.post("/checkout/preview/", {"action": "place_order"}),
    )

    assert Order.objects.count() == 1
    assert StockRecord.objects.get(product=product).num_allocated == 2
    assert all(r.status_code == 302 for r in responses), [r.status_code for r in responses]
    thank_you = client.get("/checkout/thank-you/")
    assert Order.objects.get().number in thank_you.content.decode()


def checkout_pay_until_preview(client):
    client.get("/checkout/", follow=True)
    client.post(
        "/checkout/shipping-address/",
        {
            "first_name": "박두리",
            "phone_number": "010-2345-6789",
            "postcode": "04524",
            "line1": "서울특별시 중구 세종대로 110",
            "country": "KR",
        },
    )
    client.post("/checkout/shipping-method/", {"method_code": "partner-shipping"})
    client.post("/checkout/preview/", {"payment_method": "bank-transfer"})
