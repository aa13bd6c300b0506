"""What applicants and members agree to: the live policy texts, and the version each person
was shown (checked again when the form comes back)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import APPLICATION_POLICIES, Consent, PolicyKind, PolicyText

FALLBACK_VERSIONS = {
    PolicyKind.PRINCIPLES: "THECEN_PRINCIPLES_VERSION",
    PolicyKind.ETHICS: "THECEN_ETHICS_VERSION",
    PolicyKind.TERMS: "THECEN_TERMS_VERSION",
    PolicyKind.PRIVACY: "THECEN_PRIVACY_CONSENT_VERSION",
}


@dataclass(frozen=True)
class PolicyShown:
    kind: str
    title: str
    body: str
    version: str  # "2026-01" or "2026-01 r42": the label and the revision shown
    revision_id: int | None
    url: str


def policy_shown(*, kind: str) -> PolicyShown:
    """The live text of a policy; before editors publish one, the settings' version label."""
    policy = PolicyText.objects.filter(kind=kind, live=True).select_related("live_revision").first()
    if policy is None:
        label = getattr(settings, FALLBACK_VERSIONS[kind])
        return PolicyShown(kind, str(PolicyKind(kind).label), "", label, None, "")
    revision_id = policy.live_revision_id
    version = f"{policy.version_label} r{revision_id}" if revision_id else policy.version_label
    return PolicyShown(
        kind=kind,
        title=policy.title,
        body=policy.body,
        version=version[:20],
        revision_id=revision_id,
        url=reverse("policy", args=[kind]),
    )


def policies_shown(kinds=APPLICATION_POLICIES) -> dict[str, PolicyShown]:
    return {kind: policy_shown(kind=kind) for kind in kinds}


def policy_still_shown(*, kind: str, version: str) -> bool:
    """The version the form showed is still the live one (an edit in between asks again)."""
    return policy_shown(kind=kind).version == version


def versions_still_shown(data, kinds) -> bool:
    """Every ``<kind>_version`` a form sent back is still the live version of that policy."""
    return all(
        policy_still_shown(kind=kind, version=data.get(f"{kind}_version", "")) for kind in kinds
    )


class PolicyAcceptanceForm(forms.Form):
    """The two acceptances an application form asks for, with the versions the page showed
    sent back and checked against the live ones (mixed into the partner and MC forms)."""

    accept_principles = forms.BooleanField(
        label=_("I have read and accept the operating principles."), required=True
    )
    accept_ethics = forms.BooleanField(
        label=_("I have read and accept the ethics code."), required=True
    )
    principles_version = forms.CharField(widget=forms.HiddenInput, required=False)
    ethics_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.policies = policies_shown()
        for kind, policy in self.policies.items():
            self.fields[f"{kind}_version"].initial = policy.version

    def clean(self):
        data = super().clean()
        if not versions_still_shown(data, APPLICATION_POLICIES):
            raise forms.ValidationError(
                _(
                    "The operating principles or the ethics code changed while you were "
                    "filling in the form. Please read the current version and accept it again."
                )
            )
        return data

    def accepted_policies(self) -> dict[str, PolicyShown]:
        return self.policies


def consents_record(*, user, policies: dict[str, PolicyShown]) -> list[Consent]:
    """Keep, for each policy the member agreed to, the version they were shown and when."""
    return Consent.objects.bulk_create(
        Consent(user=user, kind=kind, version=policy.version) for kind, policy in policies.items()
    )
