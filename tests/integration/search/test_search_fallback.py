"""Without a search node (`make run`) the same page searches the database; editors see queries."""

import socket
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase, override_settings
from django.utils.html import strip_tags

from commerce.core.roles import EDITORS
from tests.factories.pages import build_site, build_story
from tests.factories.search import product


@override_settings(THECEN_SEARCH_URL="")
class DatabaseSearchTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = build_site()
        build_story(home, title="마을 빵집의 아침", lead="우리밀 반죽을 치대는 사람들")
        build_story(home, title="두레농장 이야기", lead="채소 꾸러미를 나누는 협동조합")
        product("우리밀 통밀식빵", price=Decimal("6500"))
        product("무농약 현미", price=Decimal("18000"))

    def titles(self, response):
        return sorted(strip_tags(hit.title) for hit in response.context["results"].hits)

    def test_the_same_page_finds_stories_and_goods_without_a_notice(self):
        response = self.client.get("/search/", {"q": "우리밀"})
        self.assertEqual(self.titles(response), ["마을 빵집의 아침", "우리밀 통밀식빵"])
        self.assertContains(response, "₩6,500")
        self.assertNotContains(response, 'data-testid="search-notice"')

    def test_every_word_must_match_and_the_kind_filter_works(self):
        response = self.client.get("/search/", {"q": "우리밀 식빵"})
        self.assertEqual(self.titles(response), ["우리밀 통밀식빵"])
        response = self.client.get("/search/", {"q": "우리밀", "kind": "story"})
        self.assertEqual(self.titles(response), ["마을 빵집의 아침"])
        self.assertContains(response, 'aria-current="true"')

    def test_suggestions_come_from_titles(self):
        data = self.client.get("/search/suggest/", {"q": "우리"}).json()
        titles = [s["title"] for s in data["suggestions"]]
        # the product's title, beside other things named with the word (its category, say)
        self.assertIn("우리밀 통밀식빵", titles)
        self.assertTrue(all("우리" in title for title in titles), titles)
        self.assertNotIn("무농약 현미", titles)

    def test_searches_are_recorded_and_editors_see_the_unanswered_ones(self):
        self.client.get("/search/", {"q": "우리밀"})
        self.client.get("/search/", {"q": "  방문  돌봄 "})
        self.client.get("/search/", {"q": "방문 돌봄"})

        editor = get_user_model().objects.create_user("editor", "editor@thecen.kr", "pw")
        editor.groups.add(Group.objects.get(name=EDITORS))
        self.client.force_login(editor)
        response = self.client.get("/cms/search-queries/")

        self.assertEqual(response.status_code, 200)
        unanswered = response.context["unanswered"]
        self.assertEqual([(row["query"], row["times"]) for row in unanswered], [("방문 돌봄", 2)])
        self.assertContains(response, "우리밀")
        self.assertContains(response, "결과가 없었던 검색어")

    def test_readers_cannot_see_the_query_log(self):
        response = self.client.get("/cms/search-queries/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/cms/login/", response["Location"])


class HangingNodeTest(TestCase):
    """A node that accepts connections but never answers must not slow every reader down."""

    @classmethod
    def setUpTestData(cls):
        build_site()
        product("우리밀 통밀식빵", price=Decimal("6500"))

    def test_after_one_timeout_readers_go_straight_to_the_database(self):
        def attempts(sock: socket.socket) -> int:
            """Connections the search client opened since the last call (each then dropped)."""
            count = 0
            while True:
                try:
                    conn, _ = sock.accept()
                except BlockingIOError:
                    return count
                conn.close()
                count += 1

        with socket.socket() as hanging:
            hanging.bind(("127.0.0.1", 0))
            hanging.listen(8)  # the kernel completes the handshake; nobody ever replies
            hanging.setblocking(False)
            url = f"http://127.0.0.1:{hanging.getsockname()[1]}"
            with override_settings(
                THECEN_SEARCH_URL=url, THECEN_SEARCH_TIMEOUT=0.5, THECEN_SEARCH_RETRY_AFTER=60
            ):
                tried = []
                for _ in range(3):
                    response = self.client.get("/search/", {"q": "우리밀"})
                    tried.append(attempts(hanging))
                    self.assertContains(response, "우리밀 통밀식빵")
                    self.assertContains(response, 'data-testid="search-notice"')

        # The first reader waited for the node once; the next ones never knocked on it again.
        self.assertGreaterEqual(tried[0], 1)
        self.assertEqual(tried[1:], [0, 0])
