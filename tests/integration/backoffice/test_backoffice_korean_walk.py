"""The back-office walk: every admin page each role opens (Contents Creator, editor, partner,
Market Creator, operator), followed link by link from /cms/ and /dashboard/, in Korean.

Fails on any page that answers a server error, and on English interface words in what a
person reads (text, labels, placeholders, titles), beyond a short allowlist of brands,
acronyms and formats. Content (titles, names typed by people) is Korean in the fixtures.
"""

import html
import re
from collections import deque
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.utils import timezone

from commerce.core.roles import CONTENTS_CREATORS, EDITORS, MARKET_CREATORS
from commerce.membership.models import Grade, Membership
from tests.factories.commerce import create_customer, create_goods, create_partner_user
from tests.factories.editorial import author, partner
from tests.factories.mc import approved_mc
from tests.factories.pages import PageTree
from tests.integration.frontend.test_korean_first import english_words

START = ("/cms/", "/dashboard/")
MAX_PAGES = 150  # per role: every menu, list and form a role reaches, without the long tail
# Links the walk does not follow: they change something, download a file, or repeat a list.
SKIP = re.compile(
    r"logout|/delete/|/unpublish/|/copy/|/move/|/lock/|/unlock/|/revisions/|/preview|"
    r"/workflow/|export=|/csv/|/ical/|format=|/download|/usage/|/history/|"
    r"\?(?:.*&)?(?:p|page|o|ordering|q|sort)=|/chooser/|/api/|/jsi18n|/sitemap|"
    # the profile's time-zone list names IANA zones (Africa/Lagos...): identifiers, not words
    r"^/cms/account/$"
)
# Wagtail and Oscar words that stay English by design: product names and formats.
ALLOWED = {
    "Wagtail",
    "Oscar",
    "XLSX",
    "JSON",
    "API",
    "RSS",
    "Google",
    "Bing",
    "GIF",
    "PNG",
    "JPEG",
    "WebP",
    "SVG",
    "AVIF",
    "HEIC",
    "OK",
    "Markdown",
    "YouTube",
    "Vimeo",
    "Chrome",
}


# Pieces of text with English words that each role still meets: Wagtail's admin alone lacks
# some 420 Korean messages (issue #15 stays open for them). The partner's dashboard is done.
# A ceiling, not a target: the walk fails when a page adds English; lower it as words land.
ENGLISH_LEFT = {"CC": 115, "editor": 305, "partner": 0, "MC": 81, "operator": 524}


def _links(page: str) -> list[str]:
    found = []
    # Wagtail draws its sidebar from JSON props: their "url" values are links too.
    unescaped = html.unescape(page)
    targets = re.findall(r'href="([^"#]+)', page) + re.findall(r'"url": "([^"#]+)"', unescaped)
    for href in targets:
        url = html.unescape(href)
        path = urlsplit(url)
        if path.netloc or not url.startswith(START) or SKIP.search(url):
            continue
        found.append(url)
    return found


class BackOfficeKoreanWalkTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = PageTree()
        bakery = partner("해님베이커리", "haenim")
        create_goods(partner=bakery, title="우리밀 통밀식빵", price=12500, stock=9)
        grade = Grade.objects.create(
            name="정회원", code="regular", listing_limit=50, promotion_slots=2, annual_dues=300000
        )
        Membership.objects.create(partner=bakery, grade=grade, since=timezone.localdate())
        tree.story(title="동네 빵집의 아침", author=author())
        tree.enterprise(bakery, title="해님베이커리")
        tree.event(title="가을 마을 장터", capacity=30)
        User = get_user_model()

        def member(username, group):
            user = User.objects.create_user(
                username=username,
                email=f"{username}@thecen.kr",
                first_name="민지",
                last_name="김",
            )
            user.groups.add(Group.objects.get(name=group))
            return user

        cls.roles = {
            "CC": member("cc", CONTENTS_CREATORS),
            "editor": member("editor", EDITORS),
            "partner": create_partner_user(bakery, "bake@haenim.kr"),
            "MC": member("mc", MARKET_CREATORS),
            "operator": User.objects.create_superuser(
                username="ops",
                email="ops@thecen.kr",
                password="pw-ops-12345",
                first_name="지원",
                last_name="박",
            ),
        }
        approved_mc(code="dunsan", name="둔산 MC", user=cls.roles["MC"])
        tree.campaign(title="둔산동 꾸러미")
        create_customer("buyer@example.kr")

    def walk(self, user):
        self.client.force_login(user)
        seen, queue, errors, english = set(), deque(START), [], []
        while queue and len(seen) < MAX_PAGES:
            url = queue.popleft()
            if url in seen:
                continue
            seen.add(url)
            response = self.client.get(url)
            if response.status_code >= 500:
                errors.append(f"{url}: HTTP {response.status_code}")
                continue
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            page = response.content.decode()
            for words in english_words(page, allowed=ALLOWED):
                english.append(f"{url}: {words}")
            queue.extend(link for link in _links(page) if link not in seen)
        return seen, errors, english

    def test_every_role_walks_the_back_office_in_korean(self):
        for role, user in self.roles.items():
            with self.subTest(role=role):
                seen, errors, english = self.walk(user)
                self.assertGreater(len(seen), 1, role)
                self.assertEqual(errors, [], f"{role}: server errors")
                self.assertLessEqual(
                    len(english),
                    ENGLISH_LEFT[role],
                    f"{role}: {len(english)} pieces of English\n" + "\n".join(english[:80]),
                )
