from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.base import BlockWidget

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


class TolerantBlockWidget(BlockWidget):
    """A StreamField that reads a malformed POST as empty instead of raising.

    Wagtail reads a StreamField's POST by its counters (``body-count``, ``body-0-order``,
    ``body-0-type``, ``body-0-deleted``) and raises KeyError/ValueError on a missing or
    non-numeric one: a 500 for a truncated or hand-made request. Here the field is read as its
    default and remembers it was malformed; ThecenPageForm turns that into a form error.
    """

    malformed = False

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (KeyError, ValueError, TypeError, OverflowError, IndexError, AttributeError):
            self.malformed = True
            return self.block_def.get_default()


class ThecenPageForm(WagtailAdminPageForm):
    """The base form of every page (SeoMixin): a malformed StreamField is a Korean form error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is BlockWidget:
                field.widget = TolerantBlockWidget(field.widget.block_def, attrs=field.widget.attrs)

    def clean(self):
        cleaned = super().clean()
        # A form-wide error: the editor shows it at the top (a StreamField draws its own errors
        # from block data, where a plain message would not appear).
        if any(getattr(field.widget, "malformed", False) for field in self.fields.values()):
            self.add_error(
                None,
                _(
                    "This content arrived incomplete or damaged, so nothing was saved. "
                    "Reload the page and try again."
                ),
            )
        return cleaned
