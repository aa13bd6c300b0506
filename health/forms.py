from django import forms
from django.utils.translation import gettext_lazy as _

from commerce.core.inputs import SingleLineCharField


class GroupMessageForm(forms.Form):
    subject = SingleLineCharField(label=_("Subject"), max_length=120)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}))
