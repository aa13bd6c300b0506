"""Builders for the PortOne journeys: the checkout up to the payment step, the shopper's
trip through PortOne's window (the fake), webhooks posted to the site."""

import json

from oscar.core.loading import get_model

from tests.factories.commerce import create_goods
from tests.fakes.portone import FakePortOne

Order = get_model("order", "Order")

ADDRESS = {
    "first_name": "김하늘",
    "phone_number": "010-2345-6789",
    "postcode": "03154",
    "line1": "서울특별시 종로구 세종대로 175",
    "line2": "3층",
}
WEBHOOK = "/payments/portone/webhook/"


def to_payment_step(client, *products):
    for product in products:
        client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    client.post("/checkout/", {"options": "anonymous", "username": "haneul@example.kr"})
    client.post("/checkout/shipping-address/", ADDRESS)
    client.post("/checkout/shipping-method/", {"method_code": "partner-shipping"})
    response = client.get("/checkout/payment-details/", follow=True)
    page = response.content.decode()
    start = page.index('<script id="portone-requests" type="application/json">')
    requests = json.loads(page[start:].split(">", 1)[1].split("</script>", 1)[0])
    return page, requests


def pay_and_return(client, fake: FakePortOne, request: dict, method: str, *, amount=None):
    """The shopper pays on PortOne's window, which sends them back to our return page."""
    fake.put_payment(
        request["paymentId"],
        amount=request["totalAmount"] if amount is None else amount,
        pay_method=request["payMethod"],
        provider=request.get("easyPay", {}).get("easyPayProvider", ""),
    )
    return client.get(
        f"/checkout/portone/return/?method={method}&paymentId={request['paymentId']}",
        follow=True,
    )


def post_webhook(client, body, headers):
    return client.post(WEBHOOK, data=body, content_type="application/json", headers=headers)


def place_virtual_account_order(client, partner, portone):
    """A guest pays by virtual account: the order is placed, awaiting the deposit."""
    goods = create_goods(partner=partner, title="유기농 현미", price=32000, stock=5)
    _page, requests = to_payment_step(client, goods)
    response = pay_and_return(client, portone, requests["virtual-account"], "virtual-account")
    return Order.objects.get(), response
