import datetime

from django import forms
from django.utils.translation import gettext_lazy as _


class RunForm(forms.Form):
    day = forms.DateField(
        label=_("A day in the period to settle"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Statements cover the week or month that holds this day."),
    )

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day > datetime.date.today():
            raise forms.ValidationError(_("A period in the future cannot be settled."))
        return day


class PaidForm(forms.Form):
    transfer_reference = forms.CharField(label=_("Transfer reference"), max_length=100)
