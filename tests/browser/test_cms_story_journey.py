"""A reader buys a product embedded in a story without leaving it, then pays by bank transfer."""

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import Page, expect

from commerce.provenance.models import BasketLineSource
from tests.factories.editorial import goods, partner, product_blocks
from tests.factories.pages import PageTree

Order = get_model("order", "Order")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reader_adds_from_a_story_and_checks_out_by_bank_transfer(live_server, page: Page):
    # given a story with an embedded loaf of bread
    tree = PageTree()
    bakery = partner()
    tree.enterprise(bakery, title="해님베이커리")
    bread = goods("우리밀 통밀식빵", 6500, 10, enterprise=bakery)
    story = tree.story(
        title="빵집이 일자리를 굽는 법",
        body=[("paragraph", "<p>새벽 다섯 시의 빵집</p>"), *product_blocks([bread])],
    )
    story_url = live_server.url + story.url

    # when the reader opens the story and adds the bread
    page.goto(story_url)
    count = page.get_by_test_id("basket-count")
    expect(count).to_have_text("0")
    offer = page.locator(f"#offer-{bread.pk}")
    expect(offer).to_contain_text("₩6,500")
    offer.get_by_role("button", name="장바구니 담기").click()

    # then they are still on the story and the basket count changed
    expect(count).to_have_text("1")
    expect(offer).to_contain_text("장바구니에 담았습니다.")
    assert page.url == story_url
    source = BasketLineSource.objects.get()
    assert (source.page_id, source.kind) == (story.pk, "story")

    # and they can check out as a guest, paying by bank transfer
    page.get_by_test_id("basket-link").click()
    expect(page.locator("body")).to_contain_text("우리밀 통밀식빵")
    page.locator("a[href='/checkout/']").first.click()
    page.locator("#id_username").fill("reader@example.kr")
    page.locator("input[name='options'][value='anonymous']").check()
    page.locator("form#login_form button[type=submit], form button.btn-primary").first.click()
    page.locator("#id_first_name").fill("홍길동")
    page.locator("#id_phone_number").fill("010-1234-5678")
    page.locator("#id_postcode").fill("03154")
    page.locator("#id_line1").fill("서울특별시 종로구 세종대로 175")
    page.locator("#new_shipping_address button[type=submit], form button.btn-primary").first.click()
    expect(page.locator("#pay-bank-transfer")).to_be_checked()
    page.locator("#view_preview, button[type=submit].btn-primary").first.click()
    page.locator("#place-order, button#place-order, form button.btn-primary").last.click()
    expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))
    expect(page.locator("body")).to_contain_text("₩6,500")
    order = Order.objects.get()
    assert order.lines.get().product_id == bread.pk
    assert order.basket.lines.get().source.page_id == story.pk
