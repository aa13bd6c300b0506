from django.core.management.base import BaseCommand

from commerce.fulfilment.services import lines_confirm_matured


class Command(BaseCommand):
    help = "Confirm the purchase of lines delivered THECEN_PURCHASE_CONFIRM_DAYS days ago."

    def handle(self, *args, **options):
        count = lines_confirm_matured()
        self.stdout.write(f"confirmed {count} lines")
