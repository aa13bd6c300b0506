"""Scheduled jobs and rebuilds run one at a time: an overlapping run does nothing."""

import io
import os
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from cms_pages import middleware
from commerce.core.locks import LockHeld, lock_acquire, lock_release
from search.services import search_reindex


@pytest.fixture
def expired_session(db):
    return Session.objects.create(
        session_key="x" * 32, session_data="", expire_date=timezone.now() - timedelta(days=1)
    )


def test_a_job_already_running_elsewhere_is_not_run_again(expired_session):
    token = lock_acquire(name="job:clearsessions", ttl=60)
    try:
        out = io.StringIO()
        call_command("job_run", "clearsessions", stdout=out)
        assert "already running" in out.getvalue()
        assert Session.objects.filter(pk=expired_session.pk).exists()
    finally:
        lock_release(name="job:clearsessions", token=token)

    call_command("job_run", "clearsessions", stdout=io.StringIO())
    assert not Session.objects.filter(pk=expired_session.pk).exists()


def test_a_second_reindex_is_refused_while_one_runs(db):
    token = lock_acquire(name="search-reindex", ttl=60)
    try:
        with pytest.raises(LockHeld):
            search_reindex()
        with pytest.raises(CommandError, match="Another search_reindex is running"):
            call_command("search_reindex")
    finally:
        lock_release(name="search-reindex", token=token)


def redis_cache():
    url = os.environ.get("THECEN_TEST_REDIS_URL", "")
    if not url:
        pytest.fail("THECEN_TEST_REDIS_URL is not set: run the tests with `make test`.")
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"test-{os.getpid()}",
        }
    }


def test_on_redis_the_site_lookup_key_outlives_many_writes_and_locks_are_shared():
    with override_settings(CACHES=redis_cache()):
        cache = caches["default"]
        try:
            cache.delete(middleware._GENERATION_KEY)
            generation = cache.get_or_set(middleware._GENERATION_KEY, 1, None)
            # The file cache culled this never-expiring key after a few hundred writes.
            for i in range(2000):
                cache.set(f"filler:{i}", "x" * 200, 300)
            assert cache.get(middleware._GENERATION_KEY) == generation

            # A lock taken by one process is seen by another (a second client here).
            token = lock_acquire(name="demo-lock", ttl=30)
            assert token
            other = caches.create_connection("default")
            assert other.add("lock:demo-lock", "someone-else", 30) is False
            lock_release(name="demo-lock", token=token)
            assert other.add("lock:demo-lock", "someone-else", 30) is True
        finally:
            cache.clear()
