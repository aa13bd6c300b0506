"""Shipping per partner through the real basket, checkout and dashboard forms."""

import pytest
from django.test import Client
from oscar.core.loading import get_model

from commerce.shipping.models import OrderShippingCharge, ProductShipping, ShippingPolicy
from tests.factories.commerce import (
    checkout_pay,
    create_customer,
    create_goods,
    create_partner_user,
    create_service,
)

Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_partners():
    ga = Partner.objects.create(name="가나 협동조합", code="ga")
    da = Partner.objects.create(name="다라 사회적기업", code="da")
    ShippingPolicy.objects.create(partner=ga, base_fee=3000, free_over=50000, jeju_fee=3000)
    ShippingPolicy.objects.create(partner=da, base_fee=2500, jeju_fee=4000, remote_fee=5000)
    rice = create_goods(partner=ga, title="유기농 현미", price=32000, stock=9)
    jam = create_goods(partner=da, title="수제 딸기잼", price=15000, stock=9)
    return ga, da, rice, jam


def buyer(rice, jam, rice_qty=1):
    client = Client()
    client.force_login(create_customer("buyer@example.kr"))
    client.post(f"/basket/add/{rice.pk}/", {"quantity": rice_qty})
    client.post(f"/basket/add/{jam.pk}/", {"quantity": 1})
    return client


def test_the_basket_shows_each_partners_shipping_and_the_total(two_partners):
    ga, da, rice, jam = two_partners
    client = buyer(rice, jam)
    page = client.get("/basket/").content.decode()
    assert "배송비 · 가나 협동조합" in page and "배송비 · 다라 사회적기업" in page
    assert "₩3,000" in page and "₩2,500" in page
    assert "₩5,500" in page  # the shipping total
    assert "주소를 입력하면" in page


def test_an_order_to_jeju_charges_each_partner_its_surcharge_and_records_it(two_partners):
    ga, da, rice, jam = two_partners
    client = buyer(rice, jam, rice_qty=2)  # 64,000 of 가나: its base fee is waived

    checkout_pay(client, shipping=True, postcode="63100")

    order = Order.objects.get()
    assert order.shipping_incl_tax == 3000 + (2500 + 4000)
    assert order.total_incl_tax == 64000 + 15000 + 9500
    rows = {
        r.partner_id: (r.base, r.surcharge, r.amount) for r in OrderShippingCharge.objects.all()
    }
    assert rows == {ga.pk: (0, 3000, 3000), da.pk: (2500, 4000, 6500)}


def test_an_order_to_a_remote_island_adds_each_partners_remote_surcharge(two_partners):
    ga, da, rice, jam = two_partners
    client = buyer(rice, jam)
    checkout_pay(client, shipping=True, postcode="40220")  # 울릉도: 도서산간
    # each partner adds its own 도서산간 surcharge (가나's is the 5,000 default), no 제주 fee
    order = Order.objects.get()
    assert order.shipping_incl_tax == (3000 + 5000) + (2500 + 5000)


def test_bulky_goods_pay_their_extra_fee_and_separate_goods_pay_on_delivery(two_partners):
    ga, da, rice, jam = two_partners
    ProductShipping.objects.create(product=rice, extra_fee=2000)
    ProductShipping.objects.create(product=jam, separate=True)
    client = buyer(rice, jam, rice_qty=2)
    checkout_pay(client, shipping=True)
    assert Order.objects.get().shipping_incl_tax == 0 + 2 * 2000 + 0
    page = client.get("/basket/").content.decode()  # the basket is empty now
    assert "배송비 · " not in page


def test_services_never_ship(two_partners):
    ga, _da, _rice, _jam = two_partners
    service = create_service(partner=ga)
    client = Client()
    client.force_login(create_customer("care@example.kr"))
    client.post(f"/basket/add/{service.product.pk}/", {"quantity": 1})
    page = client.get("/basket/").content.decode()
    assert "배송비 · " not in page


def test_a_partner_sets_its_policy_and_bad_input_changes_nothing(two_partners):
    ga, da, rice, jam = two_partners
    client = Client()
    client.force_login(create_partner_user(ga, "ga@ga.kr"))
    form = {
        "partner": ga.pk,
        "base_fee": "4000",
        "free_over": "",
        "bundled": "on",
        "jeju_fee": "5000",
        "remote_fee": "7000",
        "return_fee": "3500",
    }
    assert client.post("/dashboard/shipping-policy/", form).status_code == 302
    policy = ShippingPolicy.objects.get(partner=ga)
    assert (policy.base_fee, policy.free_over, policy.jeju_fee) == (4000, None, 5000)

    page = client.post("/dashboard/shipping-policy/", {**form, "base_fee": "-1"})
    assert "0보다 크거나 같은 값" in page.content.decode() or "이상" in page.content.decode()
    assert ShippingPolicy.objects.get(partner=ga).base_fee == 4000
    # and another partner's policy is out of reach
    assert client.get(f"/dashboard/shipping-policy/?partner={da.pk}").status_code == 404
