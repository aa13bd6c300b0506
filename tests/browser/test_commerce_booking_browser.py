"""In Chromium: book a service from its own page and pay by bank transfer."""

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from commerce.bookings.models import Booking
from tests.factories.commerce import (
    PASSWORD,
    create_customer,
    create_service,
)

Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_book_a_service_from_its_page_and_pay_by_bank_transfer(page, live_server):
    partner = Partner.objects.create(name="햇살돌봄 사회적협동조합", code="haessal")
    service = create_service(partner=partner, title="어르신 가정 방문 돌봄 상담", capacity=3)
    create_customer("hana@example.kr")

    # the customer logs in
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_login-username", "hana@example.kr")
    page.fill("#id_login-password", PASSWORD)
    page.click("button[name=login_submit]")

    # consults and picks a time on the service page
    page.goto(live_server.url + service.product.get_absolute_url())
    panel = page.get_by_test_id("booking-panel")
    expect(panel).to_contain_text("서울 마포구 성미산로 1, 2층 상담실")
    page.fill("textarea[name=question]", "거동이 불편하신데 방문이 가능한가요?")
    page.click("#consult button[type=submit]")
    page.locator("input[name=starts_at]").first.check()
    page.get_by_test_id("reserve-button").click()

    # pays by bank transfer through the same checkout as goods
    expect(page.locator("#pay-bank-transfer")).to_be_checked()
    # no delivery address and no name on the account: the transfer's name is asked for
    page.get_by_label("입금자명").fill("김하나")
    page.click("#view_preview")
    expect(page.get_by_test_id("payment-method")).to_contain_text("131-000-000000")
    page.click("#place-order")

    expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))
    expect(page.locator(".deposit-instructions")).to_contain_text("131-000-000000")
    expect(page.get_by_test_id("booking")).to_contain_text("어르신 가정 방문 돌봄 상담")
    order = Order.objects.get()
    assert order.status == "Awaiting deposit"
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.AWAITING_DEPOSIT
    assert booking.held_until == order.payment.deadline
    assert booking.service.consultations.count() == 1
