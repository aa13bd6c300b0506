from django.core.management.base import BaseCommand

from commerce.mc.services import ledger_confirm_matured


class Command(BaseCommand):
    help = "Daily: confirm MC commission once the return period (THECEN_MC_CONFIRM_DAYS) is over."

    def handle(self, *args, **options):
        self.stdout.write(f"MC commission confirmed: {ledger_confirm_matured()}")
