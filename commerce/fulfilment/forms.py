from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Courier, ReturnRequest


class ShipForm(forms.Form):
    courier = forms.ModelChoiceField(
        label=_("Courier"), queryset=Courier.objects.filter(active=True), empty_label=None
    )
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=40)


class ReturnRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Return or exchange"), choices=ReturnRequest.Kind.choices, widget=forms.RadioSelect
    )
    reason_code = forms.ChoiceField(label=_("Reason"), choices=ReturnRequest.Reason.choices)
    reason = forms.CharField(
        label=_("Details"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    photo = forms.ImageField(label=_("Photo (optional)"), required=False)


class RefuseForm(forms.Form):
    refusal_reason = forms.CharField(label=_("Reason for refusal"), max_length=300)
