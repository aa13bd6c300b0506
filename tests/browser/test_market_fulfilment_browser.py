"""In Chromium: partners ship with tracking, the customer confirms one line and returns the
other, the operator makes the statements and pays one, and the partner sees it paid."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from commerce.settlement.models import Statement
from tests.factories.commerce import create_customer
from tests.factories.fulfilment import partner_user, two_partner_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, live_server, user) -> None:
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def ship(page: Page, live_server, user, number: str, tracking: str) -> None:
    sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/dashboard/orders/{number}/")
    page.get_by_role("button", name="배송준비로 표시").click()
    page.get_by_label("택배사").select_option(label="CJ대한통운")
    page.get_by_label("송장번호").fill(tracking)
    page.get_by_role("button", name="발송 처리").click()
    page.get_by_role("button", name="배송완료로 표시").click()
    expect(page.get_by_test_id("partner-line-state")).to_have_text("배송완료")


def test_ship_confirm_return_settle(live_server, page: Page):
    o = two_partner_order()
    number = o["order"].number
    ga_user = partner_user(o["ga"], "ga@coop.kr")
    da_user = partner_user(o["da"], "da@coop.kr")

    # each partner ships its own line with a tracking number, then marks it delivered
    ship(page, live_server, ga_user, number, "612345678901")
    ship(page, live_server, da_user, number, "612345678902")

    # the customer sees both parcels, confirms the rice and returns the jam
    sign_in(page, live_server, o["customer"])
    page.goto(f"{live_server.url}/accounts/orders/{number}/")
    links = page.get_by_test_id("tracking-link")
    expect(links).to_have_count(2)
    expect(links.first).to_have_attribute(
        "href", "https://trace.cjlogistics.com/next/tracking.html?wblNo=612345678901"
    )
    page.get_by_role("button", name="유기농 현미 구매확정").click()
    page.get_by_role("link", name="수제 딸기잼 반품·교환 신청").click()
    page.get_by_label("반품", exact=True).check()
    page.get_by_label("사유").select_option(label="단순 변심")
    page.get_by_label("자세한 내용").fill("맛이 생각과 달라요")
    page.get_by_role("button", name="신청하기").click()
    expect(page.get_by_text("요청을 공급사에 보냈습니다.")).to_be_visible()
    states = page.get_by_test_id("line-state")
    expect(states.nth(0)).to_contain_text("구매확정")
    expect(states.nth(1)).to_contain_text("반품 요청됨")

    # 다라 accepts: the customer's change of mind costs the 2,500 return fee
    sign_in(page, live_server, da_user)
    page.goto(f"{live_server.url}/dashboard/orders/{number}/")
    expect(page.get_by_test_id("return-request")).to_contain_text("맛이 생각과 달라요")
    page.get_by_role("button", name="승인").click()
    expect(page.get_by_test_id("partner-line-state")).to_have_text("반품완료")

    # the operator makes this month's statements and pays 가나's
    sign_in(page, live_server, create_customer("money@thecen.kr", is_staff=True))
    page.goto(f"{live_server.url}/dashboard/settlement/")
    page.get_by_label("정산할 기간 중 하루").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="정산서 만들기").click()
    expect(page.get_by_text("정산서 2건을 만들었습니다.", exact=False)).to_be_visible()
    ga_statement = Statement.objects.get(partner=o["ga"])
    da_statement = Statement.objects.get(partner=o["da"])
    # 가나: 64,000 − 10% = 57,600 (its shipping was free); 다라: 15,000 + 2,500 shipping
    # − 12,500 refunded = 5,000 (a returned line carries no fee)
    assert (ga_statement.net, da_statement.net) == (57600, 5000)
    page.goto(f"{live_server.url}/dashboard/settlement/{ga_statement.pk}/")
    expect(page.get_by_test_id("statement-net")).to_have_text("₩57,600")
    page.get_by_label("이체 확인 번호").fill("신협 20261202-01")
    page.get_by_role("button", name="지급 완료로 표시").click()
    expect(page.get_by_test_id("statement-status")).to_contain_text("지급 완료")

    # 가나 sees its statement paid, and not 다라's
    sign_in(page, live_server, ga_user)
    page.goto(f"{live_server.url}/dashboard/settlement/")
    table = page.get_by_test_id("settlement-statements")
    expect(table).to_contain_text("₩57,600")
    expect(table).to_contain_text("지급 완료")
    expect(table).not_to_contain_text("다라 사회적기업")
