from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from .models import AvailabilityException, Service, WeeklySlot


class ReserveForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Time"))
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=20, initial=1)


class ConsultationForm(forms.Form):
    question = forms.CharField(
        label=_("Your question"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))


class PartnerCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the customer"), max_length=500)


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = [
            "group",
            "duration_minutes",
            "place",
            "consult_first",
            "onsite_payment",
            "horizon_days",
            "cancel_hours",
            "cancellation_policy",
        ]


WeeklySlotFormSet = inlineformset_factory(
    Service,
    WeeklySlot,
    fields=["weekday", "start", "capacity"],
    extra=2,
    can_delete=True,
    widgets={
        "weekday": forms.Select(
            choices=[
                (0, _("Monday")),
                (1, _("Tuesday")),
                (2, _("Wednesday")),
                (3, _("Thursday")),
                (4, _("Friday")),
                (5, _("Saturday")),
                (6, _("Sunday")),
            ]
        ),
        "start": forms.TimeInput(attrs={"type": "time"}),
    },
)

ExceptionFormSet = inlineformset_factory(
    Service,
    AvailabilityException,
    fields=["date", "capacity", "note"],
    extra=1,
    can_delete=True,
    widgets={"date": forms.DateInput(attrs={"type": "date"})},
)
