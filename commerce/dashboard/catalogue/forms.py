"""Oscar's product dashboard forms; a won price is edited as a whole number (12500, not
12500.00), since KRW has no minor unit."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.apps.dashboard.catalogue import widgets as oscar_widgets
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F403

from commerce.core.inputs import id_or_none
from commerce.membership.selectors import membership_listing_error

CURRENCIES_WITHOUT_MINOR_UNIT = {"KRW"}


class StockRecordForm(oscar_forms.StockRecordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        record = self.instance
        if record.price is not None and record.price_currency in CURRENCIES_WITHOUT_MINOR_UNIT:
            self.initial["price"] = record.price.quantize(Decimal(1))
        if "price" in self.fields:
            self.fields["price"].widget.attrs["step"] = "1"

    def clean(self):
        cleaned = super().clean()
        # A new listing must fit the partner's membership grade.
        partner = cleaned.get("partner") or (
            self.instance.partner if self.instance.partner_id else None
        )
        if self.instance._state.adding and partner is not None:
            error = membership_listing_error(partner=partner)
            if error:
                raise ValidationError(error)
        return cleaned


class ProductSelect(oscar_widgets.ProductSelect):
    """Oscar's product picker re-shows a posted value by looking it up as an id: a value that
    is not one (a script's "abc") answered a server error instead of "select a valid choice"."""

    def optgroups(self, name, value, attrs=None):
        value = [v for v in value if v in (None, "") or id_or_none(v) is not None]
        return super().optgroups(name, value, attrs=attrs)


class ProductRecommendationForm(oscar_forms.ProductRecommendationForm):
    class Meta(oscar_forms.ProductRecommendationForm.Meta):
        widgets = {"recommendation": ProductSelect}
