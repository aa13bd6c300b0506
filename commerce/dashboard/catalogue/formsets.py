"""Oscar's product dashboard formsets.

A post without the formsets' management form (a script, a truncated request) gives a formset
with no forms; Oscar's stock-record formset then reads ``forms[0]`` and the partner's save
answered a server error. Here it is an invalid form like any other ("management form data is
missing"), re-shown with the message, and nothing is saved.
"""

from oscar.apps.dashboard.catalogue import formsets as oscar_formsets
from oscar.apps.dashboard.catalogue.formsets import *  # noqa: F403


class StockRecordFormSet(oscar_formsets.StockRecordFormSet):
    def set_initial_data(self):
        if self.forms:
            super().set_initial_data()
