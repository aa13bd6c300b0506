import re

from django import forms
from django.utils.translation import gettext_lazy as _

KOREAN_PHONE = re.compile(r"^0\d{1,2}-?\d{3,4}-?\d{4}$")


class EventRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "placeholder": "010-1234-5678"}),
    )
    email = forms.EmailField(label=_("Email"), required=False)

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not KOREAN_PHONE.match(phone):
            raise forms.ValidationError(_("Enter a Korean phone number, e.g. 010-1234-5678."))
        return phone

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email"):
            raise forms.ValidationError(_("Leave a phone number or an email address."))
        return cleaned
