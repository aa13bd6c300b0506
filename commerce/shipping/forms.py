from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ProductShipping, ShippingPolicy


class ShippingPolicyForm(forms.ModelForm):
    class Meta:
        model = ShippingPolicy
        fields = ["base_fee", "free_over", "bundled", "jeju_fee", "remote_fee", "return_fee"]


class ProductShippingForm(forms.ModelForm):
    product = forms.ModelChoiceField(queryset=None, label=_("Product"))

    class Meta:
        model = ProductShipping
        fields = ["product", "extra_fee", "separate"]

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products
