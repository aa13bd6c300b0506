"""Screenshots of every kind of page of a running site, for the README and for reviews.

    .venv/bin/python tools/screenshots.py [--base http://127.0.0.1:8000] [--out docs/screenshots]

Start the demo first (`make run`; the admin password is `admin`). Uses Debian's Chromium
through Playwright (the test extras), as the browser tests do.
"""

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests import chromium  # noqa: E402

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
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium.EXECUTABLE, args=chromium.ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ko-KR")
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
            page.screenshot(path=out / f"{name}.png")
            print(out / f"{name}.png", page.title())
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
        page.screenshot(path=out / "15-editor.png")
        print(out / "15-editor.png", re.sub(r"\s+", " ", page.title()))
        browser.close()


if __name__ == "__main__":
    main()
