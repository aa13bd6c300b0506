"""Korean phone numbers, validated and written one way, with `phonenumbers`.

Accepts what people type: 010-1234-5678, 01012345678, 02-123-4567, 1588-1234 (대표번호),
0505-123-4567 (안심번호), +82 10 1234 5678. Stores the national format with hyphens.
"""

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _

INVALID = _("Enter a Korean phone number, e.g. 010-1234-5678 or 02-123-4567.")


def phone_normalise(value: str) -> str:
    """The number in Korean national format, or ValidationError for anything else."""
    text = (value or "").strip()
    try:
        number = phonenumbers.parse(text, "KR")
    except phonenumbers.NumberParseException:
        raise forms.ValidationError(INVALID, code="invalid_phone") from None
    if (
        not phonenumbers.is_valid_number(number)
        or phonenumbers.region_code_for_number(number) != "KR"
    ):
        raise forms.ValidationError(INVALID, code="invalid_phone")
    digits = phonenumbers.national_significant_number(number)
    if digits.startswith("505"):
        # phonenumbers groups 0505 personal numbers as 050-5xxx-xxxx; people write 0505-xxx-xxxx.
        rest = digits[3:]
        return f"0505-{rest[:-4]}-{rest[-4:]}"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


class KoreanPhoneField(forms.CharField):
    """A form field that cleans to the national format (010-1234-5678)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "tel")
        self.widget.attrs.setdefault("autocomplete", "tel")

    def clean(self, value):
        value = super().clean(value)
        return phone_normalise(value) if value else value
