from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupTheme(models.TextChoices):
    WALKING = "walking", _("Walking")
    EXERCISE = "exercise", _("Exercise")
    COOKING = "cooking", _("Cooking and nutrition")
    MIND = "mind", _("Mind and stress")
    SLEEP = "sleep", _("Sleep")
    SOCIAL = "social", _("Friends and neighbours")


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
