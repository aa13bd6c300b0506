"""An operator pays an MC out in the admin; the MC downloads the statement from their dashboard."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import Page, expect

from commerce.mc.models import PayoutStatement
from tests.factories.mc import approved_mc, october_and_november


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_operator_pays_october_and_the_mc_downloads_the_statement(live_server, page: Page):
    get_user_model().objects.create_superuser(
        username="ops", email="ops@thecen.kr", password="pw-ops-12345"
    )
    mc = approved_mc(code="dongne", name="김동네")
    october_and_november(mc, approved_mc(code="haru", name="하루 MC", kind="corporate"))

    # the operator chooses October and pays
    page.goto(f"{live_server.url}/cms/login/")
    page.locator("#id_username").fill("ops")
    page.locator("#id_password").fill("pw-ops-12345")
    page.locator("button[type=submit]").click()
    page.goto(f"{live_server.url}/cms/mc/{mc.pk}/payout/")
    expect(page.get_by_test_id("payable-month").first).to_contain_text("₩1,934")
    page.locator("#id_period").select_option(label="2026-10")
    page.get_by_role("button", name="지급").click()
    expect(page.locator(".messages")).to_contain_text("김동네님께 2026-10분 ₩1,934을 지급했습니다.")
    assert PayoutStatement.objects.count() == 1

    # the MC, signed in on the site, downloads it from the dashboard
    page.context.clear_cookies()
    client = Client()
    client.force_login(mc.user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"{live_server.url}/mc/dashboard/")
    expect(page.get_by_test_id("mc-statement-net")).to_have_text("₩1,934")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV 내려받기").click()
    raw = open(info.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "실지급액(원),1934" in raw.decode("utf-8-sig")
