import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from commerce.core.inputs import SingleLineCharField
from commerce.core.phone import phone_normalise

from .models import MarketCreator


class MCApplicationForm(forms.ModelForm):
    class Meta:
        model = MarketCreator
        fields = ["name", "kind", "email", "phone", "community"]
        field_classes = {"name": SingleLineCharField}

    def clean_phone(self):
        return phone_normalise(self.cleaned_data["phone"])


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
