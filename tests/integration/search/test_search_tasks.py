"""Index updates run as queued background tasks, retried later when the node is down."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django.utils.html import strip_tags
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from cms_pages.models import StoryPage
from search.selectors import SearchRequest, search_run
from search.services import search_reindex
from tests.factories.pages import build_site, build_story
from tests.factories.search import EngineTestCase

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """What `manage.py db_worker --batch` does, minus closing the test's connection."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    while (due := DBTaskResult.objects.ready().first()) is not None:
        due.claim(worker.worker_id)
        worker.run_task(due)


@pytest.mark.search_engine
@override_settings(TASKS=DATABASE_QUEUE)
class QueuedIndexingTest(EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = build_site()
        cls.index = build_story(cls.home, title="첫 이야기").get_parent()
        search_reindex()

    def publish(self, title):
        with self.captureOnCommitCallbacks(execute=True):
            page = self.index.add_child(instance=StoryPage(title=title, live=False))
            page.save_revision().publish()
        return page

    def found(self, q):
        self.refresh()
        return [strip_tags(hit.title) for hit in search_run(SearchRequest(q=q)).hits]

    def test_a_publish_is_queued_and_indexed_by_the_worker(self):
        self.publish("줄 서서 기다린 이야기")
        self.assertEqual(self.found("기다린"), [])  # queued, not yet run
        run_worker()
        self.assertEqual(self.found("기다린"), ["줄 서서 기다린 이야기"])

    def test_a_failed_update_is_retried_later_and_then_succeeds(self):
        self.publish("다시 시도한 이야기")
        with override_settings(THECEN_SEARCH_URL="http://127.0.0.1:9"):
            run_worker()
        retry = DBTaskResult.objects.filter(status="READY").get()
        self.assertEqual(retry.args_kwargs["args"][2], 2)  # the second attempt
        self.assertGreater(retry.run_after, timezone.now())
        self.assertEqual(self.found("시도한"), [])

        # when the node is back and the retry is due
        DBTaskResult.objects.filter(pk=retry.pk).update(
            run_after=timezone.now() - timedelta(seconds=1)
        )
        run_worker()
        self.assertEqual(self.found("시도한"), ["다시 시도한 이야기"])
