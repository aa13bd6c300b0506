"""Health self-checks (questionnaires, result rules, saved results, anonymous tallies) and
health groups (건강반)."""

from health.models.checks import (
    CheckKind,
    Dimension,
    HealthCheckPage,
    ResultRule,
)
from health.models.groups import (
    GroupMembership,
    HealthGroupIndexPage,
    HealthGroupPage,
    HealthGroupSession,
    SessionReminder,
)
from health.models.privacy import SavedResult
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
