from django import forms
from django.utils.translation import gettext_lazy as _


class ReserveForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Time"))
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=20, initial=1)


class ConsultationForm(forms.Form):
    question = forms.CharField(
        label=_("Your question"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))


class PartnerCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the customer"), max_length=500)
