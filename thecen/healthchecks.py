"""What the load balancer asks at /-/health/: can this app server do its work right now?

django-health-check's own checks cover the database, the cache and the media storage; the two
below cover the search engine and the task queue. (`/health/` is the health self-check feature,
so the endpoint lives under `/-/`.)
"""

from __future__ import annotations

import dataclasses
import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Storage
from health_check.exceptions import ServiceUnavailable, ServiceWarning
from health_check.views import HealthCheckView

from search import engine


@dataclasses.dataclass
class SearchCluster(HealthCheck):
    """Red (a primary shard missing) fails; yellow (a replica missing) warns.

    Without THECEN_SEARCH_URL the database serves search: nothing to check.
    """

    def run(self):
        if not engine.is_configured():
            return
        try:
            with engine.engine_errors():
                health = engine.get_client().cluster.health()
        except engine.SearchUnavailable as exc:
            raise ServiceUnavailable("search cluster unreachable") from exc
        if health["status"] == "red":
            raise ServiceUnavailable("search cluster is red")
        if health["status"] == "yellow":
            raise ServiceWarning(f"search cluster is yellow ({health['number_of_nodes']} nodes)")


@dataclasses.dataclass
class TaskQueueAge(HealthCheck):
    """The oldest task waiting to run: older than THECEN_HEALTH_TASK_AGE_MINUTES means no worker."""

    def run(self):
        limit = datetime.timedelta(minutes=settings.THECEN_HEALTH_TASK_AGE_MINUTES)
        oldest = (
            DBTaskResult.objects.ready()
            .order_by("enqueued_at")
            .only("enqueued_at", "run_after")
            .first()
        )
        if oldest is None:
            return
        waited = timezone.now() - max(oldest.enqueued_at, _run_after(oldest))
        if waited > limit:
            raise ServiceUnavailable(f"oldest queued task waited {int(waited.total_seconds())} s")


def _run_after(task: DBTaskResult) -> datetime.datetime:
    # A task without a start time carries the maximum date; it is due since it was enqueued.
    return task.run_after if task.run_after <= timezone.now() else task.enqueued_at


class ThecenHealthView(HealthCheckView):
    checks = (Database, Cache, Storage, SearchCluster, TaskQueueAge)
