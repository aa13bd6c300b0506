from django import forms
from django.utils.translation import gettext_lazy as _

from commerce.core.inputs import SingleLineCharField
from commerce.core.phone import phone_normalise


class EventRegistrationForm(forms.Form):
    name = SingleLineCharField(label=_("Name"), max_length=100)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "placeholder": "010-1234-5678"}),
    )
    email = forms.EmailField(label=_("Email"), required=False)

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return phone_normalise(phone) if phone else phone

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email"):
            raise forms.ValidationError(_("Leave a phone number or an email address."))
        return cleaned
