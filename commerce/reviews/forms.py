from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.reviews import forms as oscar_forms

from .models import MAX_PHOTO_BYTES, MAX_PHOTOS, SCORES, ProductReview


def photo_max_bytes() -> int:
    return getattr(settings, "THECEN_REVIEW_PHOTO_MAX_BYTES", MAX_PHOTO_BYTES)


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.ImageField):
    """Up to MAX_PHOTOS images, each one a real image no bigger than MAX_PHOTO_BYTES."""

    widget = MultiplePhotoInput(attrs={"accept": "image/*"})

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(
                _("You can attach up to %(count)d photos.") % {"count": MAX_PHOTOS}
            )
        cleaned = []
        for upload in files:
            if upload.size > photo_max_bytes():
                raise forms.ValidationError(
                    _("%(name)s is too large: a photo may be up to %(size)s.")
                    % {"name": upload.name, "size": filesizeformat(photo_max_bytes())}
                )
            cleaned.append(super().clean(upload, initial))
        return cleaned


class ProductReviewForm(oscar_forms.ProductReviewForm):
    """Oscar's review form for signed-in buyers: stars 1–5, title, text, photos."""

    score = forms.TypedChoiceField(
        label=_("Stars"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a score from 1 to 5 stars."),
            "invalid_choice": _("Choose a score from 1 to 5 stars."),
        },
    )
    photos = PhotosField(
        label=_("Photos"),
        required=False,
        error_messages={
            "invalid_image": _("This file is not an image: please attach a JPEG or PNG photo.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photos"].help_text = _("Up to %(count)d photos, %(size)s each at most.") % {
            "count": MAX_PHOTOS,
            "size": filesizeformat(photo_max_bytes()),
        }

    class Meta:
        model = ProductReview
        fields = ("score", "title", "body")
        error_messages = {
            "title": {"required": _("Please give your review a title.")},
            "body": {"required": _("Please write what you thought of it.")},
        }
