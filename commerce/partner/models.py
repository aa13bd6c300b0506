from django.core.exceptions import ValidationError
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
    def clean(self):
        super().clean()
        # A new listing must fit the partner's membership grade (Oscar's dashboard forms call this).
        if self._state.adding and self.partner_id:
            from commerce.membership.selectors import membership_listing_error

            error = membership_listing_error(partner=self.partner)
            if error:
                raise ValidationError(error)


from oscar.apps.partner.models import *  # noqa: E402, F403
