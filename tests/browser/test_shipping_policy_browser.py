"""In Chromium: a partner sets its shipping policy in the dashboard, and the shopper's basket
charges what the partner just saved; a bad fee is refused in Korean and changes nothing."""

import pytest
from playwright.sync_api import Page, expect

from commerce.shipping.models import ShippingPolicy
from tests.browser.test_market_fulfilment_browser import sign_in
from tests.factories.commerce import create_customer, create_goods, create_partner_user
from tests.factories.fulfilment import Partner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_sets_fees_and_the_basket_follows(live_server, page: Page):
    ga = Partner.objects.create(name="가나 협동조합", code="ga")
    rice = create_goods(partner=ga, title="유기농 현미", price=32000, stock=9)
    partner = create_partner_user(ga, "ga@coop.kr")
    shopper = create_customer("buyer@example.kr")

    # the partner finds the policy in the dashboard menu and sets its fees
    sign_in(page, live_server, partner)
    page.goto(f"{live_server.url}/dashboard/")
    page.get_by_role("link", name="배송비 정책").first.click()
    form = page.get_by_test_id("shipping-policy-form")
    form.get_by_label("기본 배송비(원)").fill("4000")
    form.get_by_label("무료배송 기준 금액(원)").fill("60000")
    form.get_by_label("제주 추가 배송비(원)").fill("3500")
    form.get_by_role("button").click()
    expect(page.get_by_text("배송비 정책을 저장했습니다.")).to_be_visible()
    expect(page.get_by_label("기본 배송비(원)")).to_have_value("4000")

    # a negative fee is stopped at the field and the saved policy stays as it was
    base_fee = page.get_by_label("기본 배송비(원)")
    base_fee.fill("-500")
    page.get_by_test_id("shipping-policy-form").get_by_role("button").click()
    assert base_fee.evaluate("field => field.validity.rangeUnderflow")
    assert ShippingPolicy.objects.get(partner=ga).base_fee == 4000

    # the shopper's basket charges the partner's new fee, under its name
    sign_in(page, live_server, shopper)
    page.goto(f"{live_server.url}{rice.get_absolute_url()}")
    page.get_by_role("button", name="장바구니 담기").first.click()
    expect(page.get_by_test_id("basket-count")).to_have_text("1")
    page.goto(f"{live_server.url}/basket/")
    expect(page.get_by_text("배송비 · 가나 협동조합")).to_be_visible()
    expect(page.locator("main")).to_contain_text("₩4,000")

    # the partner lowers the free-shipping threshold below the basket: the fee goes
    sign_in(page, live_server, partner)
    page.goto(f"{live_server.url}/dashboard/shipping-policy/")
    page.get_by_label("무료배송 기준 금액(원)").fill("30000")
    page.get_by_test_id("shipping-policy-form").get_by_role("button").click()
    expect(page.get_by_text("배송비 정책을 저장했습니다.")).to_be_visible()

    sign_in(page, live_server, shopper)
    page.goto(f"{live_server.url}/basket/")
    expect(page.locator("main")).not_to_contain_text("₩4,000")
    expect(page.locator("main")).to_contain_text("₩32,000")
