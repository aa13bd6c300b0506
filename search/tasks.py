"""Background indexing: page and product changes reach the index through django-tasks."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from search.engine import SearchUnavailable
from search.services import search_objects_sync, search_synonyms_push

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def _retry_delay(attempt: int) -> timedelta:
    return timedelta(seconds=min(300, 5 * 2 ** (attempt - 1)))


@task()
def search_sync_task(kind: str, pks: list, attempt: int = 1) -> dict:
    """Index or remove these objects; on an engine failure try again later, a few times."""
    try:
        return search_objects_sync(kind=kind, pks=pks)
    except SearchUnavailable as exc:
        if attempt >= MAX_ATTEMPTS:
            logger.error(
                "search: giving up on %s %s after %s attempts: %s", kind, pks, attempt, exc
            )
            raise
        retry = search_sync_task
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + _retry_delay(attempt))
        logger.warning("search: %s %s not indexed (%s), retry %s", kind, pks, exc, attempt + 1)
        retry.enqueue(kind, pks, attempt + 1)
        return {"retried": attempt + 1}


def enqueue_sync(kind: str, pks) -> None:
    if not settings.THECEN_SEARCH_URL:
        return  # the database serves search; nothing to keep in step
    pks = sorted({pk for pk in pks if pk is not None})
    if pks:
        search_sync_task.enqueue(kind, pks)


@task()
def search_synonyms_task(attempt: int = 1) -> list[str]:
    """Push the editors' synonym list to the index; retried like indexing when the node is down."""
    try:
        return search_synonyms_push()
    except SearchUnavailable as exc:
        if attempt >= MAX_ATTEMPTS:
            logger.error("search: synonyms not pushed after %s attempts: %s", attempt, exc)
            raise
        retry = search_synonyms_task
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + _retry_delay(attempt))
        logger.warning("search: synonyms not pushed (%s), retry %s", exc, attempt + 1)
        retry.enqueue(attempt + 1)
        return []


def enqueue_synonyms_push() -> None:
    if settings.THECEN_SEARCH_URL:
        search_synonyms_task.enqueue()
