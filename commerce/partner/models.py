from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner, AbstractStockRecord


class Partner(AbstractPartner):
    """A Partner Agency (공급사). Suspension hides its listings; nothing is deleted."""

    suspended_at = models.DateTimeField(
        _("Suspended at"),
        null=True,
        blank=True,
        help_text=_("While set, this partner's goods and services cannot be bought."),
    )

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None


class StockRecord(AbstractStockRecord):
    """Oscar's stock record. The membership grade's listing limit is checked by the
    dashboard's stock-record form (commerce.dashboard.catalogue), which sits above membership."""


from oscar.apps.partner.models import *  # noqa: E402, F403
