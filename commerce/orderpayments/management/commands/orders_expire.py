from django.core.management.base import BaseCommand

from commerce.bookings.services import bookings_expire_holds, bookings_send_reminders
from commerce.mc.services import ledger_confirm_matured
from commerce.orderpayments.services import orders_expire


class Command(BaseCommand):
    help = "Daily: cancel unpaid orders, expire holds, send reminders, confirm MC commission."

    def handle(self, *args, **options):
        cancelled = orders_expire()
        expired = bookings_expire_holds()
        reminded = bookings_send_reminders()
        confirmed = ledger_confirm_matured()
        self.stdout.write(
            f"cancelled orders: {len(cancelled)} {' '.join(cancelled)}; "
            f"expired holds: {expired}; reminders sent: {reminded}; "
            f"MC commission confirmed: {confirmed}"
        )
