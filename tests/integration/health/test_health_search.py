"""Health groups are found in the site search; self-checks never are."""

import pytest
from django.utils.html import strip_tags

from search.selectors import SearchRequest, search_run
from search.services import search_reindex
from tests.factories.health import HealthTree
from tests.factories.search import EngineTestCase


def found(q, **filters):
    results = search_run(SearchRequest(q=q, filters=filters))
    return sorted((hit.kind, strip_tags(hit.title)) for hit in results.hits)


@pytest.mark.search_engine
class HealthGroupSearchTest(EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = HealthTree()
        cls.group = cls.tree.group(
            title="갑천 아침 걷기반", lead="해 뜰 무렵 둔치를 함께 걷습니다."
        )
        search_reindex()

    def test_a_live_group_is_found_by_its_words_and_by_its_kind(self):
        self.refresh()
        self.assertEqual(found("걷기반"), [("health_group", "갑천 아침 걷기반")])
        self.assertEqual(
            found("둔치", kind=["health_group"]), [("health_group", "갑천 아침 걷기반")]
        )
        # the self-check page, with its questions, is not in the index
        self.assertEqual(found("건강 체크"), [])

    def test_an_unpublished_group_leaves_the_index(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.group.unpublish()
        self.refresh()
        self.assertEqual(found("걷기반"), [])
