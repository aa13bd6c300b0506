"""In Chromium: a product into the basket, paid by card on PortOne's window (the local fake
PortOne), back to a paid order with its receipt; and a virtual account confirmed by webhook."""

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import Page, expect

from tests.factories.commerce import PASSWORD, create_customer, create_goods

Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def log_in_and_fill_the_basket(page: Page, live_server):
    partner = Partner.objects.create(name="가나 협동조합", code="ga")
    goods = create_goods(partner=partner, title="유기농 현미 4kg", price=32000, stock=5)
    create_customer("hana@example.kr")
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_login-username", "hana@example.kr")
    page.fill("#id_login-password", PASSWORD)
    page.click("button[name=login_submit]")

    page.goto(live_server.url + goods.get_absolute_url())
    page.get_by_role("button", name="장바구니 담기").first.click()
    expect(page.get_by_test_id("basket-count")).to_have_text("1")
    page.goto(f"{live_server.url}/checkout/")
    # a delivery address, then the payment step
    page.fill("#id_first_name", "김하나")
    page.fill("#id_phone_number", "010-1234-5678")
    page.fill("#id_postcode", "03154")
    page.fill("#id_line1", "서울특별시 종로구 세종대로 175")
    # the footer's language form has a submit button too: press the step's own button
    page.get_by_role("button", name="계속").click()
    if "/checkout/shipping-method/" in page.url:
        page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/checkout/payment-details/"))


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_card_payment_through_portone_ends_on_a_paid_order(
    page: Page, live_server, portone, output_path, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    log_in_and_fill_the_basket(page, live_server)

    # the shopper picks 카드: the button now says 결제하기, and opens PortOne's window
    page.get_by_label("카드").check()
    pay = page.get_by_role("button", name="결제하기")
    expect(pay).to_be_visible()
    pay.click()
    expect(page.get_by_role("heading", name="포트원 테스트 결제창")).to_be_visible()
    expect(page.get_by_text("결제 금액: ")).to_contain_text(",000원")
    page.get_by_role("button", name="결제 승인").click()

    # back on the shop: the order is paid, with the method and the receipt
    expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))
    box = page.get_by_test_id("payment-box")
    expect(box).to_contain_text("결제 수단: 카드")
    expect(box).to_contain_text("결제 완료")
    expect(box.get_by_role("link", name="영수증 보기")).to_have_attribute(
        "href", re.compile(r"/receipts/")
    )
    # on a phone too the payment box fits the screen, nothing cut off to the side
    assert box.bounding_box()["width"] <= width
    page.screenshot(path=f"{output_path}/portone-card-thank-you-{width}.png", full_page=True)
    order = Order.objects.get()
    assert order.status == "Paid"

    # the order page in the account says the same
    page.goto(f"{live_server.url}/accounts/orders/{order.number}/")
    expect(page.get_by_test_id("portone-payment")).to_contain_text("카드")
    expect(page.get_by_role("link", name="영수증 보기")).to_be_visible()


def test_virtual_account_order_is_confirmed_by_the_webhook(page: Page, live_server, portone):
    log_in_and_fill_the_basket(page, live_server)

    page.get_by_label("가상계좌").check()
    page.get_by_role("button", name="결제하기").click()
    page.get_by_role("button", name="결제 승인").click()

    expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))
    box = page.get_by_test_id("portone-payment")
    expect(box).to_contain_text("신한은행")
    expect(box).to_contain_text("입금 기한")
    order = Order.objects.get()
    assert order.status == "Awaiting deposit"

    # the shopper transfers; PortOne's server calls the live site's webhook
    portone.deposit(order.portone.payment_id)
    status = portone.send_webhook(
        f"{live_server.url}/payments/portone/webhook/", "Transaction.Paid", order.portone.payment_id
    )
    assert status == 200

    page.goto(f"{live_server.url}/accounts/orders/{order.number}/")
    expect(page.get_by_test_id("portone-paid")).to_contain_text("결제 완료")
    order.refresh_from_db()
    assert order.status == "Paid"


def test_closing_the_payment_window_keeps_the_basket(page: Page, live_server, portone):
    log_in_and_fill_the_basket(page, live_server)

    page.get_by_label("토스페이").check()
    page.get_by_role("button", name="결제하기").click()
    page.get_by_role("button", name="결제 취소").click()

    expect(page).to_have_url(re.compile(r"/checkout/payment-details/"))
    expect(page.get_by_text("사용자가 결제를 취소했습니다.")).to_be_visible()
    assert not Order.objects.exists()
