"""In Chromium: from the home page to a product, into the basket."""

from decimal import Decimal

import pytest
from oscar.test.factories import create_product
from playwright.sync_api import Page, expect

from tests.factories.pages import build_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_reader_adds_a_product_from_the_home_page(live_server, page: Page, output_path):
    build_site()
    create_product(title="업사이클 나무 도마", price=Decimal("32000"), num_in_stock=4)

    page.goto(live_server.url + "/")
    basket_count = page.get_by_test_id("basket-count")
    expect(basket_count).to_have_text("0")

    page.get_by_role("link", name="업사이클 나무 도마").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("업사이클 나무 도마")
    expect(page.get_by_text("₩32,000").first).to_be_visible()

    page.get_by_role("button", name="장바구니 담기").first.click()

    expect(basket_count).to_have_text("1")
    page.screenshot(path=f"{output_path}/product-in-basket.png", full_page=True)
