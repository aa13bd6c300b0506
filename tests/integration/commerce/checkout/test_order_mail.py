"""The order e-mail: what a bank-transfer customer needs, links to the real site, and a
mail server that refuses connections never breaks checkout."""

import socket
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
}


def buy(client, product, *, email="haneul@example.kr"):
    client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    client.post("/checkout/", {"options": "anonymous", "username": email})
    client.post("/checkout/shipping-address/", ADDRESS)
    client.get("/checkout/payment-details/", follow=True)
    return client.post("/checkout/preview/", {"action": "place_order"}, follow=True)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_bank_transfer_mail_has_the_account_amount_deadline_and_real_links(
    client, settings, django_capture_on_commit_callbacks
):
    settings.THECEN_SITE_URL = "https://thecen.kr"
    product = create_product(title="유기농 채소 꾸러미", price=Decimal("12500"), num_in_stock=10)

    with django_capture_on_commit_callbacks(execute=True):
        buy(client, product)

    order = Order.objects.get()
    [message] = mail.outbox
    body = message.body
    assert message.subject == f"[더센] 주문 {order.number} 접수 안내"
    assert "무통장입금으로 ₩12,500을(를) 입금해 주세요" in body
    assert "신협" in body and "131-000-000000" in body and "더센 사회적협동조합" in body
    assert "입금 기한: " in body and str(order.payment.deadline.astimezone().year) in body
    assert "example.com" not in body
    assert f"https://thecen.kr/accounts/orders/{order.number}/" in body or (
        f"https://thecen.kr/accounts/order-status/{order.number}/" in body
    )
    html = message.alternatives[0][0]
    assert "131-000-000000" in html and "example.com" not in html


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_refusing_connections_never_breaks_checkout(client, settings):
    # given a mail server that refuses every connection
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_TIMEOUT = 2
    first = create_product(title="유기농 채소 꾸러미", price=Decimal("12500"), num_in_stock=10)
    second = create_product(title="우리밀 통밀식빵", price=Decimal("6500"), num_in_stock=10)

    # when the shopper checks out
    response = buy(client, first)

    # then the order is placed and the thank-you page is the order's, not an error
    order = Order.objects.get()
    page = response.content.decode()
    assert response.request["PATH_INFO"] == "/checkout/thank-you/"
    assert order.number in page and "₩12,500" in page
    assert "문제가 생겼습니다" not in page
    # the basket is closed: the next basket is empty
    assert "유기농 채소 꾸러미" not in client.get("/basket/").content.decode()

    # and a second checkout orders the newly added product
    response = buy(client, second)
    assert Order.objects.count() == 2
    newer = Order.objects.latest("id")
    assert [line.title for line in newer.lines.all()] == ["우리밀 통밀식빵"]
    assert newer.number in response.content.decode()
    assert response.request["PATH_INFO"] == "/checkout/thank-you/"
