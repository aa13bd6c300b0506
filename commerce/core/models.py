from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin


class PolicyKind(models.TextChoices):
    PRINCIPLES = "principles", _("Operating principles")
    ETHICS = "ethics", _("Ethics code")
    # What every member agrees to at sign-up (이용약관, 개인정보 수집·이용 동의).
    TERMS = "terms", _("Terms of use")
    PRIVACY = "privacy", _("Consent to the collection and use of personal information")


# What partner and MC applicants accept; members accept SIGNUP_POLICIES.
APPLICATION_POLICIES = (PolicyKind.PRINCIPLES, PolicyKind.ETHICS)
SIGNUP_POLICIES = (PolicyKind.TERMS, PolicyKind.PRIVACY)


class PolicyText(DraftStateMixin, RevisionMixin, models.Model):
    """The operating principles, the ethics code, the terms of use and the personal-data
    consent: edited in the Wagtail admin (스니펫), every published change a revision. The forms
    show the live text and store the version (label and revision) the person actually saw."""

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


class Consent(models.Model):
    """One member's agreement to one policy text: which version, when (proof the law asks
    for, kept as long as the account). A new version agreed to is a new row."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField(_("Kind"), max_length=20, choices=PolicyKind.choices)
    version = models.CharField(_("Version"), max_length=20)
    agreed_at = models.DateTimeField(_("Agreed at"), auto_now_add=True)

    class Meta:
        ordering = ["agreed_at"]
        verbose_name = _("Consent")
        verbose_name_plural = _("Consents")

    def __str__(self):
        return f"{self.user_id} {self.kind} {self.version}"
