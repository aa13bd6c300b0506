from django.core.management.base import BaseCommand

from health.services import group_reminders_send, results_purge_expired


class Command(BaseCommand):
    help = "Daily: remind health group members of tomorrow's meetings; delete expired results."

    def handle(self, *args, **options):
        reminded = group_reminders_send()
        purged = results_purge_expired()
        self.stdout.write(f"reminders sent: {reminded}; expired results deleted: {purged}")
