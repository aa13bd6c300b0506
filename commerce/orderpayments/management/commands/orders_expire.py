from django.core.management.base import BaseCommand

from commerce.orderpayments.services import orders_expire


class Command(BaseCommand):
    help = "Daily: cancel bank-transfer orders whose deposit deadline has passed."

    def handle(self, *args, **options):
        cancelled = orders_expire()
        self.stdout.write(f"cancelled orders: {len(cancelled)} {' '.join(cancelled)}")
