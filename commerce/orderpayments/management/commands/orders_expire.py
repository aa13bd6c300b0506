from django.core.management.base import BaseCommand

from commerce.orderpayments.services import orders_expire


class Command(BaseCommand):
    help = "Cancel unpaid bank-transfer and virtual-account orders past their deadline."

    def handle(self, *args, **options):
        cancelled = orders_expire()
        self.stdout.write(f"cancelled orders: {len(cancelled)} {' '.join(cancelled)}")
