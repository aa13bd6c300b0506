"""Health self-checks (questionnaires, result rules, saved results, anonymous tallies) and
health groups (건강반).

The two page modules (checks, groups) route to `health.views`, which reads and writes through
selectors and services; those import only the modules below the pages (rules, members,
privacy, stats, taxonomy) and name a page class with `apps.get_model` when they query it.
"""

from health.models.checks import CheckKind, HealthCheckPage
from health.models.groups import HealthGroupIndexPage, HealthGroupPage
from health.models.members import GroupMembership, HealthGroupSession, SessionReminder
from health.models.privacy import SavedResult
from health.models.rules import Dimension, ResultRule
from health.models.stats import CheckTally, FollowTally, ScoreTally
from health.models.taxonomy import WEEKDAYS, GroupTheme

__all__ = [
    "CheckKind",
    "CheckTally",
    "Dimension",
    "FollowTally",
    "GroupMembership",
    "SessionReminder",
    "GroupTheme",
    "HealthCheckPage",
    "HealthGroupIndexPage",
    "HealthGroupPage",
    "HealthGroupSession",
    "ResultRule",
    "SavedResult",
    "ScoreTally",
    "WEEKDAYS",
]
