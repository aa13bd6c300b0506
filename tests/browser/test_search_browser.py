"""A reader types in the header box, picks a suggestion, and narrows results by a facet."""

import os
import uuid
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from search.services import search_reindex
from tests.factories.pages import build_site, build_story
from tests.factories.search import drop_indices, partner, product


@pytest.fixture
def indexed_site(settings, search_url, transactional_db, live_server):
    settings.THECEN_SEARCH_URL = search_url
    base = os.environ.get("THECEN_SEARCH_INDEX_PREFIX", "test")
    settings.THECEN_SEARCH_INDEX_PREFIX = f"{base}-browser-{uuid.uuid4().hex[:8]}"
    home = build_site()
    build_story(home, title="꾸러미로 잇는 도시와 농촌", lead="제철 채소 꾸러미 이야기")
    farm = partner("두레농장 협동조합", state="충청남도")
    veg = product("유기농 제철 채소 꾸러미", price=Decimal("25000"), enterprise=farm)
    product("과일 꾸러미", price=Decimal("32000"), enterprise=farm)
    search_reindex()
    yield {"veg": veg}
    drop_indices(settings.THECEN_SEARCH_INDEX_PREFIX)


@pytest.mark.browser
@pytest.mark.search_engine
# The live server needs committed rows.
@pytest.mark.django_db(transaction=True)
def test_type_pick_a_suggestion_then_filter_by_a_facet(page, live_server, indexed_site):
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="검색")

    # given: the reader types the start of a word
    box.fill("유기")
    listbox = page.get_by_role("listbox", name="추천 검색어")
    expect(listbox).to_be_visible()
    expect(listbox.get_by_role("option")).to_have_count(1)

    # when: they choose the suggestion with the keyboard
    box.press("ArrowDown")
    expect(listbox.get_by_role("option").first).to_have_attribute("aria-selected", "true")
    box.press("Enter")

    # then: they land on the product
    page.wait_for_url(f"**{indexed_site['veg'].get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("유기농 제철 채소 꾸러미")

    # and a search for the word mixes a story with goods, until a facet narrows it
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="검색")
    box.fill("꾸러미")
    box.press("Enter")
    expect(page.get_by_test_id("search-count")).to_contain_text("3")
    page.locator("[data-facet=kind]").get_by_role("link", name="이야기").click()
    expect(page.get_by_test_id("search-count")).to_contain_text("1")
    expect(page.locator(".search-hit")).to_have_count(1)
    expect(page.locator(".search-hit")).to_contain_text("꾸러미로 잇는 도시와 농촌")
    assert "kind=story" in page.url
