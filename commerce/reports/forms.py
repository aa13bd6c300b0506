import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import Period, last_months

MAX_MONTHS = 36


class PeriodForm(forms.Form):
    """From one month to another (both included), as 2026-01; twelve months by default."""

    start = forms.DateField(
        label=_("From"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Enter a month like 2026-01.")},
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Enter a month like 2026-01.")},
    )

    def clean(self):
        data = super().clean()
        default = last_months()
        start = data.get("start") or default.first
        end = data.get("end") or (default.last if not data.get("start") else None)
        if end is None:
            end = min(_add_months(start, 11), default.last)
        if start > end:
            raise forms.ValidationError(_("The first month must come before the last one."))
        if len(Period(start, end).months()) > MAX_MONTHS:
            raise forms.ValidationError(
                _("Choose at most %(count)d months.") % {"count": MAX_MONTHS}
            )
        data["period"] = Period(start.replace(day=1), end.replace(day=1))
        return data


def _add_months(day: datetime.date, count: int) -> datetime.date:
    month = day.month - 1 + count
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)
