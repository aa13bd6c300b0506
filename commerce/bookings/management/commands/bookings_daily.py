from django.core.management.base import BaseCommand

from commerce.bookings.services import bookings_expire_holds, bookings_send_reminders


class Command(BaseCommand):
    help = "Every few minutes or daily: free expired holds, send the day-before reminders."

    def handle(self, *args, **options):
        expired = bookings_expire_holds()
        reminded = bookings_send_reminders()
        self.stdout.write(f"expired holds: {expired}; reminders sent: {reminded}")
