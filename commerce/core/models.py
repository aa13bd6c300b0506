from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin


class PolicyKind(models.TextChoices):
    PRINCIPLES = "principles", _("Operating principles")
    ETHICS = "ethics", _("Ethics code")


class PolicyText(DraftStateMixin, RevisionMixin, models.Model):
    """The operating principles or the ethics code: edited in the Wagtail admin (스니펫),
    every published change a revision. The application forms show the live text and store
    the version (label and revision) the applicant actually saw."""

    kind = models.CharField(_("Kind"), max_length=20, choices=PolicyKind.choices, unique=True)
    title = models.CharField(_("Title"), max_length=100)
    version_label = models.CharField(
        _("Version"), max_length=20, help_text=_("Shown to applicants, e.g. 2026-01.")
    )
    body = RichTextField(_("Text"))
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="policy_text")

    class Meta:
        verbose_name = _("Policy text")
        verbose_name_plural = _("Policy texts")

    def __str__(self):
        return f"{self.title} ({self.version_label})"
