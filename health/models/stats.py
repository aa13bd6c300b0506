"""Anonymous tallies for operators: counts only, never a person, an answer or a time of day."""

from django.db import models
from django.utils.translation import gettext_lazy as _

BUCKETS = 5  # score distribution in fifths of the possible range


class CheckTally(models.Model):
    check_page = models.ForeignKey("health.HealthCheckPage", on_delete=models.CASCADE)
    month = models.DateField(_("month"))
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["check_page", "month"], name="check_tally_once")
        ]

    def __str__(self):
        return f"{self.check_page_id} {self.month:%Y-%m}: {self.count}"


class ScoreTally(models.Model):
    check_page = models.ForeignKey("health.HealthCheckPage", on_delete=models.CASCADE)
    dimension = models.CharField(max_length=40)
    bucket = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["check_page", "dimension", "bucket"], name="score_tally_once"
            )
        ]

    def __str__(self):
        return f"{self.check_page_id} {self.dimension} {self.bucket}: {self.count}"


class FollowTally(models.Model):
    """How often a recommendation shown after a check was opened."""

    check_page = models.ForeignKey("health.HealthCheckPage", on_delete=models.CASCADE)
    kind = models.CharField(max_length=20)
    object_id = models.PositiveIntegerField()
    label = models.CharField(max_length=255)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["check_page", "kind", "object_id"], name="follow_tally_once"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.label}: {self.count}"
