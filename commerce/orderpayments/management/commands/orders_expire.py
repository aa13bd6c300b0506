from django.core.management.base import BaseCommand

from commerce.orderpayments.services import orders_expire
from commerce.services.services import bookings_expire_holds, bookings_send_reminders


class Command(BaseCommand):
    help = "Cancel unpaid bank-transfer orders past their deadline; expire holds; send reminders."

    def handle(self, *args, **options):
        cancelled = orders_expire()
        expired = bookings_expire_holds()
        reminded = bookings_send_reminders()
        self.stdout.write(
            f"cancelled orders: {len(cancelled)} {' '.join(cancelled)}; "
            f"expired holds: {expired}; reminders sent: {reminded}"
        )
