"""In Chromium at 1280×900 and 390×844: a reader buys from a story and pays by bank transfer;
a customer books a service from its calendar and cancels it from 내 예약. The pages keep their
boxes apart and axe-core finds no critical or serious violation."""

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import Page, expect

from commerce.bookings.models import Booking
from tests.browser.a11y import axe_violations, overlapping_boxes
from tests.factories.commerce import PASSWORD, create_customer, create_service
from tests.factories.editorial import goods, partner, product_blocks
from tests.factories.pages import PageTree

Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# The page's own boxes: none may be drawn over another.
THANK_YOU_BOXES = "[data-testid=order-placed], .shop-panel, .order-actions, .site-footer"
HISTORY_BOXES = ".site-main table, .site-main form, .sidebar, .page-header, .site-footer"


def assert_accessible(page: Page, name: str, found: dict):
    violations = axe_violations(page)
    found[name] = violations
    assert violations == [], f"{name}: {violations}"


def login(page: Page, base: str, email: str):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", PASSWORD)
    page.click("button[name=login_submit]")


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_story_to_paid_order_without_overlaps_and_accessible(live_server, page: Page, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    found = {}
    # given a story embedding a loaf of bread, and a customer
    tree = PageTree()
    bakery = partner(code="sf-haenim")
    tree.enterprise(bakery, title="해님베이커리")
    bread = goods("우리밀 통밀식빵", 6500, 10, enterprise=bakery)
    story = tree.story(
        title="빵집이 일자리를 굽는 법",
        body=[("paragraph", "<p>새벽 다섯 시의 빵집</p>"), *product_blocks([bread])],
    )
    create_customer("reader@example.kr")
    login(page, live_server.url, "reader@example.kr")

    # when the reader adds the bread from the story
    page.goto(live_server.url + story.url)
    assert_accessible(page, "story", found)
    offer = page.locator(f"#offer-{bread.pk}")
    offer.get_by_role("button", name="장바구니 담기").click()
    expect(page.get_by_test_id("basket-count")).to_have_text("1")
    # focus stays on the button the reader pressed
    expect(offer.get_by_role("button", name="장바구니 담기")).to_be_focused()

    # the product page: site header, thumbnail, a buy bar on phones only
    page.goto(live_server.url + bread.get_absolute_url())
    assert_accessible(page, "product", found)
    expect(page.get_by_test_id("product-image")).to_have_attribute("src", re.compile(r"/cache/"))
    if viewport == "phone":
        expect(page.get_by_test_id("buy-bar")).to_be_visible()
        expect(page.get_by_test_id("menu-toggle")).to_be_visible()
        expect(page.locator("#site-nav")).to_be_hidden()
        page.get_by_test_id("menu-toggle").click()
        expect(page.locator("#site-nav")).to_be_visible()
    else:
        expect(page.get_by_test_id("buy-bar")).to_be_hidden()
        expect(page.get_by_test_id("menu-toggle")).to_be_hidden()

    # the basket
    page.get_by_test_id("basket-link").click()
    quantity = page.get_by_role("spinbutton", name="수량")
    expect(quantity).to_have_value("1")
    assert_accessible(page, "basket", found)
    # a quantity change in the basket shows in the header's badge at once
    quantity.fill("2")
    page.get_by_role("button", name="업데이트").click()
    expect(page.get_by_test_id("basket-count")).to_have_text("2")

    # checkout keeps the site's header inside <main>'s page
    page.locator("a[href='/checkout/']").first.click()
    expect(page.locator("header.site-header")).to_be_visible()
    expect(page.locator("main#main")).to_contain_text("배송지 주소")
    page.get_by_label("받는 분").fill("홍길동")
    page.get_by_label("휴대폰 번호").fill("010-1234-5678")
    page.get_by_label("우편번호").fill("03154")
    page.get_by_label("도로명 주소").fill("서울특별시 종로구 세종대로 175")
    assert_accessible(page, "checkout", found)
    page.get_by_role("button", name="계속").click()
    if "shipping-method" in page.url:
        page.locator("main form button[type=submit]").first.click()
    expect(page.locator("#pay-bank-transfer")).to_be_checked()
    page.click("#view_preview")
    assert_accessible(page, "preview", found)
    page.click("#place-order")

    # then the thank-you page shows each box apart
    expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))
    expect(page.get_by_test_id("deposit-instructions")).to_contain_text("입금 기한")
    expect(page.get_by_test_id("order-totals")).to_contain_text("₩13,000")
    assert overlapping_boxes(page, THANK_YOU_BOXES) == []
    assert_accessible(page, "thank-you", found)
    order = Order.objects.get()
    assert order.status == "Awaiting deposit"

    # and the order history stays above the footer
    page.goto(live_server.url + "/accounts/orders/")
    expect(page.locator(".site-main table")).to_contain_text(order.number)
    assert overlapping_boxes(page, HISTORY_BOXES) == []
    assert_accessible(page, "order history", found)
    assert all(v == [] for v in found.values())


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_service_booked_from_the_calendar_and_cancelled_from_my_bookings(
    live_server, page: Page, viewport
):
    page.set_viewport_size(VIEWPORTS[viewport])
    care = Partner.objects.create(name="햇살돌봄 사회적협동조합", code="sf-haessal-browser")
    service = create_service(partner=care, title="어르신 방문 말벗 돌봄", capacity=3)
    create_customer("hana-sfb@example.kr")
    login(page, live_server.url, "hana-sfb@example.kr")

    # the calendar shows open days; the first is chosen with its times and places left
    page.goto(live_server.url + service.product.get_absolute_url())
    expect(page.get_by_test_id("booking-calendar").first).to_be_visible()
    days = page.get_by_test_id("booking-day")
    days.nth(3).click()
    times = page.locator("[data-testid=booking-times]:visible")
    expect(times).to_have_count(1)
    expect(times).to_contain_text("3자리 남음")
    expect(times).to_contain_text(re.compile(r"오전 10:00"))
    assert_accessible(page, "service", {})

    # a wrong number of places is refused with its own message, not "choose a time"
    page.fill("#booking-places", "0")
    page.evaluate("document.querySelector('#booking-places').removeAttribute('min')")
    page.get_by_test_id("reserve-button").click()
    expect(page.locator(".site-messages")).to_contain_text("인원은 1명부터 20명까지")
    expect(page.locator(".site-messages")).not_to_contain_text("시간을 골라")

    # two places on the chosen day
    page.get_by_test_id("booking-day").nth(3).click()
    page.fill("#booking-places", "2")
    page.get_by_test_id("reserve-button").click()
    expect(page).to_have_url(re.compile(r"/checkout/"))
    # a home visit has no shipping steps
    steps = page.get_by_test_id("checkout-steps")
    expect(steps).not_to_contain_text("배송")
    # no delivery address and no name on the account: the transfer's name is asked for
    page.get_by_label("입금자명").fill("김하나")
    page.click("#view_preview")
    # the check-your-order page lists the booking as a person reads it, never its reference
    expect(page.locator("main")).to_contain_text(re.compile(r"\d+월 \d+일 \(.\) 오전 10:00 · 2명"))
    expect(page.locator("main")).not_to_contain_text(str(Booking.objects.get().reference))
    page.click("#place-order")
    expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))
    expect(page.get_by_test_id("booking")).to_contain_text("· 2명")
    expect(page.get_by_test_id("shipping-box")).to_have_count(0)

    # 내 예약 from the account menu, then cancel
    page.goto(live_server.url + "/accounts/")
    page.get_by_test_id("my-bookings-link").click()
    booking = page.get_by_test_id("my-booking")
    expect(booking).to_contain_text("어르신 방문 말벗 돌봄")
    assert_accessible(page, "my bookings", {})
    booking.get_by_role("button", name="예약 취소").click()
    expect(page.get_by_test_id("booking-status")).to_contain_text("취소")
    expect(page.get_by_role("button", name="예약 취소")).to_have_count(0)
    assert Booking.objects.get().status == Booking.Status.CANCELLED
