"""A shopper buys with bank transfer (무통장입금), through the real checkout forms."""

from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model
from oscar.test.factories import create_product

Order = get_model("order", "Order")

ADDRESS = {
    "first_name": "김하늘",
    "phone_number": "010-2345-6789",
    "postcode": "03154",
    "line1": "서울특별시 종로구 세종대로 175",
    "line2": "3층",
    "notes": "문 앞에 놓아 주세요",
}


def checkout_with_bank_transfer(client, product, quantity=2):
    response = client.post(f"/basket/add/{product.pk}/", {"quantity": quantity})
    assert response.status_code == 302
    response = client.post(
        "/checkout/", {"options": "anonymous", "username": "haneul@example.kr"}, follow=True
    )
    assert "배송" in response.content.decode()  # the shipping address step
    response = client.post("/checkout/shipping-address/", ADDRESS, follow=True)
    page = response.content.decode()
    assert "무통장입금" in page and "131-000-000000" in page  # bank and account shown
    return client.post("/checkout/preview/", {"action": "place_order"}, follow=True)


@pytest.mark.django_db
def test_bank_transfer_order_awaits_deposit_with_the_right_total(
    client, django_capture_on_commit_callbacks
):
    product = create_product(title="유기농 채소 꾸러미", price=Decimal("12500"), num_in_stock=10)

    with django_capture_on_commit_callbacks(execute=True):
        response = checkout_with_bank_transfer(client, product, quantity=2)

    order = Order.objects.get()
    assert order.total_incl_tax == Decimal("25000")
    assert order.status == "Awaiting deposit"
    assert order.shipping_address.postcode == "03154"
    source = order.sources.get()
    assert source.source_type.code == "bank-transfer"
    assert source.amount_allocated == Decimal("25000")
    page = response.content.decode()
    assert order.number in page
    assert "₩25,000" in page and "₩25,000.00" not in page
    assert "입금 기한" in page
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["haneul@example.kr"]
    assert order.number in mail.outbox[0].body


@pytest.mark.django_db
def test_a_wrong_postcode_is_refused_and_nothing_is_ordered(client):
    product = create_product(title="천연 염색 손수건", price=Decimal("15000"), num_in_stock=3)
    client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    client.post("/checkout/", {"options": "anonymous", "username": "a@example.kr"})

    response = client.post("/checkout/shipping-address/", {**ADDRESS, "postcode": "1234"})

    assert response.status_code == 200
    assert "1234 우편 번호는 대한민국에서 유효하지 않습니다" in response.content.decode()
    assert not Order.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db
def test_basket_to_order_on_postgresql(postgres, client):
    product = create_product(title="우리밀 통밀식빵", price=Decimal("6500"), num_in_stock=5)

    checkout_with_bank_transfer(client, product, quantity=1)

    order = Order.objects.get()
    assert order.total_incl_tax == Decimal("6500")
    product.stockrecords.get().refresh_from_db()
    assert product.stockrecords.get().num_allocated == 1
