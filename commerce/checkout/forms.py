from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms


class ShippingAddressForm(forms.ShippingAddressForm):
    """A Korean delivery address: recipient, phone, 5-digit postcode, road address, details."""

    class Meta(forms.ShippingAddressForm.Meta):
        fields = ["first_name", "phone_number", "postcode", "line1", "line2", "country", "notes"]
        labels = {
            "first_name": _("Recipient"),
            "phone_number": _("Mobile phone"),
            "postcode": _("Postcode"),
            "line1": _("Road address"),
            "line2": _("Address details"),
            "notes": _("Delivery request"),
        }
        help_texts = {
            "postcode": _("5 digits, e.g. 03154"),
            "phone_number": _("e.g. 010-1234-5678"),
        }
