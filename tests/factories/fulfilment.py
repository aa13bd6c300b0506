"""A paid order of two partners' goods through the real checkout, and its lines moved along."""

from django.test import Client
from oscar.core.loading import get_model

from commerce.fulfilment.models import Courier
from commerce.fulfilment.services import line_deliver, line_prepare, line_ship
from commerce.orderpayments.services import order_payment_confirm
from commerce.shipping.models import ShippingPolicy
from tests.factories.commerce import (
    checkout_pay,
    create_customer,
    create_goods,
    create_partner_user,
)

Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")


def two_partner_order(*, email: str = "buyer@example.kr", rice_qty: int = 2):
    """가나 sells rice (32,000, free shipping from 50,000), 다라 jam (15,000, 2,500 shipping)."""
    ga = Partner.objects.filter(code="ga").first() or Partner.objects.create(
        name="가나 협동조합", code="ga"
    )
    da = Partner.objects.filter(code="da").first() or Partner.objects.create(
        name="다라 사회적기업", code="da"
    )
    ShippingPolicy.objects.get_or_create(
        partner=ga, defaults={"base_fee": 3000, "free_over": 50000, "return_fee": 3000}
    )
    ShippingPolicy.objects.get_or_create(
        partner=da, defaults={"base_fee": 2500, "return_fee": 2500}
    )
    rice = create_goods(partner=ga, title="유기농 현미", price=32000, stock=10)
    jam = create_goods(partner=da, title="수제 딸기잼", price=15000, stock=10)
    customer = create_customer(email)
    client = Client()
    client.force_login(customer)
    client.post(f"/basket/add/{rice.pk}/", {"quantity": rice_qty})
    client.post(f"/basket/add/{jam.pk}/", {"quantity": 1})
    checkout_pay(client, shipping=True)
    order = Order.objects.filter(user=customer).latest("pk")
    operator = create_customer(f"ops-{order.pk}@thecen.kr", is_staff=True)
    order_payment_confirm(order=order, by=operator)
    return {
        "order": order,
        "client": client,
        "customer": customer,
        "ga": ga,
        "da": da,
        "rice": rice,
        "jam": jam,
        "rice_line": order.lines.get(partner=ga),
        "jam_line": order.lines.get(partner=da),
    }


def partner_user(partner, email):
    return create_partner_user(partner, email)


def deliver(line, by, *, tracking="123456789012"):
    line_prepare(line=line, by=by)
    line_ship(
        line=line, by=by, courier=Courier.objects.get(name="CJ대한통운"), tracking_number=tracking
    )
    return line_deliver(line=line, by=by)
