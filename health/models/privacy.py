"""Results a signed-in person chose to keep, with the consent they gave. Scores only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedResult(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="health_results"
    )
    check_page = models.ForeignKey(
        "health.HealthCheckPage", on_delete=models.CASCADE, related_name="+"
    )
    # Scores per dimension slug; the answers themselves are never stored.
    scores = models.JSONField()
    consent_text = models.TextField(_("consent given"))
    consented_at = models.DateTimeField(_("consented at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("kept until"))

    class Meta:
        ordering = ["-consented_at"]
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self):
        return f"{self.check_page_id} {self.consented_at:%Y-%m-%d}"
