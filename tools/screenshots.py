"""Screenshots of every kind of page of a running site, for the README and for reviews.

    .venv/bin/python tools/screenshots.py [--base http://127.0.0.1:8000] [--out docs/screenshots]

Start the demo first (`make run`; the admin password is `admin`). Uses Debian's Chromium
through Playwright (the test extras), as the browser tests do. Every page is taken at
1280×900 and at 390×844 (a phone), and axe-core (tests/browser/axe, pinned) is run on it: the
serious and critical violations are printed beside each file and summed at the end.
"""

import argparse
import re
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests import chromium  # noqa: E402
from tests.browser.a11y import axe_violations  # noqa: E402

AXE_COUNTS: dict[str, int] = {}


def shoot(page, path: Path, *, full_page: bool = False) -> None:
    """The screenshot, then axe's serious and critical nodes on the same page, printed."""
    page.screenshot(path=path, full_page=full_page)
    nodes = sum(len(v["nodes"]) for v in axe_violations(page))
    AXE_COUNTS[path.stem] = nodes
    print(path, f"axe serious+critical: {nodes}", re.sub(r"\s+", " ", page.title()))


# name, path (or a link to follow from the page before: "follow:<css selector>"; or
# "follow-with-offers:<css selector>", the first such link whose page embeds products)
PAGES = [
    ("01-home", "/"),
    ("02-story-index", "/이야기/"),
    ("03-story", "follow-with-offers:.story-card a"),
    ("04-enterprise-directory", "/기업/"),
    ("05-enterprise-profile", "follow:.card-grid .card h2 a"),
    ("06-campaign-index", "/캠페인/"),
    ("07-campaign", "follow:.card-grid .card a"),
    ("08-event-index", "/행사/"),
    ("09-event", "follow:.event-card h3 a"),
    ("10-catalogue", "/catalogue/"),
    ("11-search", "/search/?q=돌봄"),
    ("12-health-check", "/health/"),
    ("13-health-groups", "/health/groups/"),
    ("14-partner-application", "/partners/apply/"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--admin-password", default="admin")
    parser.add_argument("--shop-only", action="store_true", help="only the buyer's pages")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium.EXECUTABLE, args=chromium.ARGS)
        for suffix, viewport in VIEWPORTS.items():
            if not args.shop_only:
                page = browser.new_page(viewport=viewport, locale="ko-KR")
                editorial_pages(page, args, out, suffix)
                page.close()
            shop = browser.new_page(viewport=viewport, locale="ko-KR")
            shop_journey(shop, args.base, out, suffix)
            shop.close()
        browser.close()
    print(f"axe serious+critical nodes: {sum(AXE_COUNTS.values())} on {len(AXE_COUNTS)} pages")


def editorial_pages(page, args, out: Path, suffix: str):
    """The reader's editorial pages, then the story open in the editor."""
    page_urls = {}
    for name, target in PAGES:
        if target.startswith("follow-with-offers:"):
            # The first of the listed pages that embeds goods or services.
            links = page.locator(target.split(":", 1)[1])
            hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
            for href in hrefs:
                page.goto(urljoin(args.base, href))
                if page.locator("[data-testid=offer]").count():
                    break
        elif target.startswith("follow:"):
            link = page.locator(target.removeprefix("follow:")).first
            page.goto(urljoin(args.base, link.get_attribute("href")))
        else:
            page.goto(urljoin(args.base, target))
        page_urls[name] = page.url
        shoot(page, out / f"{name}-{suffix}.png")
    # The editor's view: the story above open in Wagtail's page editor (through the
    # "Edit this page" link of the user bar a signed-in editor sees on the site).
    story_url = page_urls["03-story"]
    page.goto(urljoin(args.base, "/cms/login/"))
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", args.admin_password)
    page.click("button[type=submit]")
    page.goto(story_url)
    edit = page.locator("a[href$='/edit/']").first
    page.goto(urljoin(args.base, edit.get_attribute("href")))
    shoot(page, out / f"15-editor-{suffix}.png")


VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def shop_journey(page, base, out: Path, suffix: str):
    """The buyer's pages, in the order a shopper meets them: sign up, product, basket,
    checkout, thank-you, order history; then a service booked from its calendar."""

    def shot(name):
        shoot(page, out / f"{name}-{suffix}.png", full_page=True)

    page.goto(urljoin(base, "/catalogue/"))
    shot("20-catalogue")
    page.goto(urljoin(base, "/accounts/login/"))
    shot("21-sign-up")
    email = f"screens-{suffix}-{int(time.time())}@example.kr"
    page.fill("#id_registration-email", email)
    page.fill("#id_registration-password1", "Hangang-Bridge-7391")
    page.fill("#id_registration-password2", "Hangang-Bridge-7391")
    page.check("#id_registration-accept_terms")
    page.check("#id_registration-accept_privacy")
    page.click("button[name=registration_submit]")
    page.goto(urljoin(base, "/catalogue/"))
    goods = (
        page.locator("[data-testid=offer]")
        .filter(has=page.get_by_role("button", name="장바구니 담기"))
        .first.locator("a[href*='/catalogue/']")
        .first
    )
    page.goto(urljoin(base, goods.get_attribute("href")))
    shot("22-product")
    page.locator("#add_to_basket_form button[type=submit]").first.click()
    page.goto(urljoin(base, "/basket/"))
    shot("23-basket")
    page.goto(urljoin(base, "/checkout/"))
    if "shipping-address" in page.url:
        page.get_by_label("받는 분").fill("김하나")
        page.get_by_label("휴대폰 번호").fill("010-1234-5678")
        page.get_by_label("우편번호").fill("03154")
        page.get_by_label("도로명 주소").fill("서울특별시 종로구 세종대로 175")
        shot("24-checkout-address")
        page.get_by_role("button", name="계속").click()
    if "shipping-method" in page.url:
        page.locator("main form button[type=submit]").first.click()
    shot("25-checkout-payment")
    page.click("#view_preview")
    shot("26-checkout-preview")
    page.click("#place-order")
    shot("27-thank-you")
    page.goto(urljoin(base, "/accounts/orders/"))
    shot("28-order-history")
    page.goto(urljoin(base, "/catalogue/"))
    service = (
        page.locator("[data-testid=offer]")
        .filter(has_text="서비스 보고 예약하기")
        .first.locator("a[href*='/catalogue/']")
        .first
    )
    page.goto(urljoin(base, service.get_attribute("href")))
    shot("29-service")
    page.goto(urljoin(base, "/accounts/bookings/"))
    shot("30-my-bookings")
    page.goto(urljoin(base, "/privacy/"))
    shot("31-privacy")


if __name__ == "__main__":
    main()
