"""An editor embeds a product in a story with the catalogue chooser and publishes it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from cms_pages.models import StoryPage
from commerce.core.roles import EDITORS
from tests.factories.editorial import goods, partner
from tests.factories.pages import PageTree


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_embeds_a_product_with_the_chooser(live_server, page: Page):
    tree = PageTree()
    bread = goods("우리밀 통밀식빵", 6500, 10, enterprise=partner())
    editor = get_user_model().objects.create_user(
        username="editor", email="editor@thecen.test", password="pw-for-tests"
    )
    editor.groups.add(Group.objects.get(name=EDITORS))

    page.goto(f"{live_server.url}/cms/login/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill("pw-for-tests")
    page.locator("button[type=submit]").click()
    page.goto(f"{live_server.url}/cms/pages/add/cms_pages/storypage/{tree.stories.pk}/")
    page.locator("#id_title").fill("빵 굽는 새벽")
    page.locator("#id_lead").fill("새벽 다섯 시의 빵집")

    # the body's block picker: add a "product or service" block, then choose the bread
    body = page.locator("[data-contentpath='body']")
    body.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="상품 또는 서비스").first.click()
    body.get_by_role("button", name="상품 또는 서비스 선택").click()
    modal = page.locator(".modal")
    modal.get_by_role("link", name="우리밀 통밀식빵").click()
    expect(body).to_contain_text("우리밀 통밀식빵")

    # "Publish" sits in the footer's action menu; press it the way the menu would
    page.locator("button[name='action-publish']").evaluate("button => button.click()")
    expect(page).to_have_url(f"{live_server.url}/cms/pages/{tree.stories.pk}/")

    story = StoryPage.objects.get(title="빵 굽는 새벽")
    assert story.live
    page.goto(live_server.url + story.url)
    expect(page.locator(f"#offer-{bread.pk}")).to_contain_text("₩6,500")
