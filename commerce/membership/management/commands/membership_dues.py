from django.core.management.base import BaseCommand

from commerce.membership.services import memberships_suspend_overdue


class Command(BaseCommand):
    help = "Suspend the listings of partners whose dues are unpaid after the grace period."

    def handle(self, *args, **options):
        partners = memberships_suspend_overdue()
        self.stdout.write(f"suspended: {len(partners)} {' '.join(p.code for p in partners)}")
