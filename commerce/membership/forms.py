import re

from django import forms
from django.utils.translation import gettext_lazy as _

from commerce.core.inputs import SingleLineCharField
from commerce.core.phone import phone_normalise
from commerce.core.policies import PolicyAcceptanceForm

from .brn import brn_clean
from .models import Grade, PartnerApplication


class PartnerApplicationForm(PolicyAcceptanceForm, forms.ModelForm):
    brn = forms.CharField(label=_("Business registration number"), max_length=14)

    class Meta:
        model = PartnerApplication
        fields = [
            "name",
            "kind",
            "brn",
            "representative",
            "contact_name",
            "phone",
            "email",
            "postcode",
            "address",
            "address_detail",
        ]
        # Header-bound and one-line values: a line break in an organisation's name would
        # break the welcome mail's subject and lock the new partner out.
        field_classes = {
            name: SingleLineCharField
            for name in ["name", "representative", "contact_name", "address", "address_detail"]
        }
        help_texts = {"brn": _("10 digits, e.g. 220-81-62517"), "postcode": _("5 digits")}

    def clean_brn(self):
        number = brn_clean(self.cleaned_data["brn"])
        taken = PartnerApplication.objects.filter(brn=number).exclude(
            status=PartnerApplication.Status.REJECTED
        )
        if taken.exists():
            raise forms.ValidationError(
                _("This business is already a member or has an application under review.")
            )
        return number

    def clean_phone(self):
        return phone_normalise(self.cleaned_data["phone"])

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if not re.fullmatch(r"\d{5}", postcode):
            raise forms.ValidationError(_("Enter the 5-digit postcode."))
        return postcode

    def application_data(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.Meta.fields}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))]
    )
    grade = forms.ModelChoiceField(label=_("Grade"), queryset=Grade.objects.all(), required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "approve" and not data.get("grade"):
            self.add_error("grade", _("Choose a grade for the new member."))
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", _("Please give the applicant a reason."))
        return data
