"""A health group's one-off sessions, its members and waiting list, and sent reminders."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class HealthGroupSession(Orderable):
    page = ParentalKey("health.HealthGroupPage", related_name="sessions", on_delete=models.CASCADE)
    starts_at = models.DateTimeField(_("starts at"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [FieldPanel("starts_at"), FieldPanel("note")]


class GroupMembership(models.Model):
    class Status(models.TextChoices):
        MEMBER = "member", _("Member")
        WAITING = "waiting", _("Waiting list")

    group = models.ForeignKey(
        "health.HealthGroupPage", on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="health_memberships"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="group_membership_once")
        ]
        indexes = [models.Index(fields=["group", "status"])]

    def __str__(self):
        return f"{self.group_id} {self.user_id} {self.status}"


class SessionReminder(models.Model):
    """That this member was reminded of the group's meeting starting at ``starts_at``.

    One row per member and meeting (weekly or one-off), so nobody is reminded twice of the
    same meeting, and members who join later, or sessions added later, still get theirs.
    """

    group = models.ForeignKey("health.HealthGroupPage", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user", "starts_at"], name="session_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.group_id} {self.user_id} {self.starts_at:%Y-%m-%d %H:%M}"
