import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as NumberInvalid
from stdnum.kr import rrn

from commerce.core.inputs import SingleLineCharField
from commerce.core.phone import phone_normalise
from commerce.core.policies import PolicyAcceptanceForm

from .models import MarketCreator, MCKind, PayoutAccount


class MCApplicationForm(PolicyAcceptanceForm, forms.ModelForm):
    class Meta:
        model = MarketCreator
        fields = ["name", "kind", "email", "phone", "community"]
        field_classes = {"name": SingleLineCharField}

    def clean_phone(self):
        return phone_normalise(self.cleaned_data["phone"])


class PayoutAccountForm(forms.ModelForm):
    """Where commission is paid; an individual MC also gives the resident registration number
    the 3.3% withholding report needs (stored encrypted, shown masked)."""

    class Meta:
        model = PayoutAccount
        fields = ["bank", "account_number", "holder", "resident_number"]
        field_classes = {"bank": SingleLineCharField, "holder": SingleLineCharField}
        help_texts = {
            "account_number": _("Digits, with or without hyphens."),
            "resident_number": _(
                "Individual MCs only: needed to report the 3.3% tax withheld from commission."
            ),
        }

    def __init__(self, *args, kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean_account_number(self):
        digits = self.cleaned_data["account_number"].replace("-", "").replace(" ", "")
        if not digits.isdigit() or not 8 <= len(digits) <= 20:
            raise forms.ValidationError(_("Type the account number in digits (8 to 20)."))
        return digits

    def clean_resident_number(self):
        value = (self.cleaned_data.get("resident_number") or "").strip()
        if not value:
            if self.kind == MCKind.INDIVIDUAL:
                raise forms.ValidationError(
                    _("Individual MCs need it for the withholding tax report.")
                )
            return ""
        try:
            return rrn.validate(value)
        except NumberInvalid as error:
            raise forms.ValidationError(
                _("This is not a valid resident registration number.")
            ) from error


class MCReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))]
    )
    code = forms.SlugField(label=_("Code"), max_length=20, required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, required=False)

    def clean(self):
        data = super().clean()
        code = (data.get("code") or "").lower()
        if data.get("decision") == "approve" and code:
            if MarketCreator.objects.filter(code=code).exists():
                self.add_error("code", _("This code is taken."))
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", _("Please give the applicant a reason."))
        return data


class PayoutForm(forms.Form):
    """The month to pay out; only months with confirmed, unpaid commission are offered."""

    period = forms.TypedChoiceField(label=_("Month"), coerce=datetime.date.fromisoformat)

    def __init__(self, *args, payable: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [
            (month["period"].isoformat(), month["period"].strftime("%Y-%m")) for month in payable
        ]
        self.fields["period"].error_messages["invalid_choice"] = _(
            "Nothing left to pay for that month: already paid."
        )
