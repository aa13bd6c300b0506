"""In Chromium, on the demo content: take the quick check, see the recommendations, open a
recommended service and start a booking; then join a recommended health group."""

import pytest
from playwright.sync_api import expect

from commerce.bookings.models import Booking
from demo import catalogue, commerce, enterprises, health, pages
from health.models import GroupMembership
from tests.factories.commerce import PASSWORD, create_customer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_quick_check_to_a_booking_and_a_health_group(page, live_server):
    for loader in (catalogue, commerce, enterprises, pages, health):
        loader.load()
    person = create_customer("mina@example.kr", first_name="김미나")

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_login-username", "mina@example.kr")
    page.fill("#id_login-password", PASSWORD)
    page.click("button[name=login_submit]")

    # the header leads to the quick check
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="건강 체크").click()
    expect(page.get_by_role("heading", name="1분 건강 체크")).to_be_visible()
    expect(page.get_by_test_id("not-a-diagnosis")).to_contain_text("의학적 진단이 아닙니다")

    page.get_by_label("하루 이하").check()
    page.get_by_label("일주일에 한두 번").check()
    page.locator("input[name=q-sleep][value='4']").check()
    follow_up = page.locator("[data-question=mood2]")
    expect(follow_up).to_be_hidden()
    page.get_by_label("거의 매일이었어요").check()
    # a low mood almost every day brings the follow-up question
    expect(follow_up).to_be_visible()
    page.get_by_label("그 정도는 아니에요").check()
    page.get_by_label("혼자 살고 있어요").check()
    page.get_by_label("장보기나 청소가 힘에 부쳐요").check()
    page.select_option("#health-region", "seoul")
    page.get_by_role("button", name="결과 보기").click()

    # the result: where the person stands, not a diagnosis, live recommendations
    expect(page.get_by_role("heading", name="나의 결과: 1분 건강 체크")).to_be_visible()
    expect(page.get_by_test_id("not-a-diagnosis")).to_be_visible()
    expect(page.get_by_test_id("dimension").first).to_contain_text("도움이 필요한 정도")
    services = page.get_by_test_id("rec-service")
    expect(services.first).to_contain_text("가장 빠른 예약 가능 시간")
    expect(page.get_by_test_id("rec-group").first).to_be_visible()
    expect(page.get_by_test_id("rec-event").first).to_contain_text("건강상점 체험의 날")
    result_url = page.url

    # open a recommended service and start a booking on its page
    title = services.first.locator("h4").inner_text()
    services.first.get_by_role("link", name="예약하기").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.locator("input[name=starts_at]").first.check()
    page.get_by_test_id("reserve-button").click()
    page.wait_for_load_state()
    booking = Booking.objects.get(user=person)
    assert booking.slot.service.product.title == title
    assert booking.status == Booking.Status.HELD

    # back to the result, join a recommended health group
    page.goto(result_url)
    group = page.get_by_test_id("rec-group").first
    group_title = group.locator("h4").inner_text()
    group.get_by_role("link", name="참여하기").click()
    expect(page.get_by_role("heading", name=group_title)).to_be_visible()
    page.get_by_role("button", name="건강반 참여하기").click()
    expect(page.get_by_test_id("membership-status")).to_have_text("이 건강반의 회원입니다.")
    assert GroupMembership.objects.get(user=person).group.title == group_title
