"""Oscar's product dashboard forms; a won price is edited as a whole number (12500, not
12500.00), since KRW has no minor unit."""

from decimal import Decimal

from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F403

CURRENCIES_WITHOUT_MINOR_UNIT = {"KRW"}


class StockRecordForm(oscar_forms.StockRecordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        record = self.instance
        if record.price is not None and record.price_currency in CURRENCIES_WITHOUT_MINOR_UNIT:
            self.initial["price"] = record.price.quantize(Decimal(1))
        if "price" in self.fields:
            self.fields["price"].widget.attrs["step"] = "1"
