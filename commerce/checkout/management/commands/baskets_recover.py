import datetime

from django.core.management.base import BaseCommand

from commerce.checkout.recovery import baskets_recover


class Command(BaseCommand):
    help = "Reopen baskets left frozen by a checkout that never placed its order (run hourly)."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=30, help="only baskets older than this")

    def handle(self, *args, minutes, **options):
        count = baskets_recover(older_than=datetime.timedelta(minutes=minutes))
        self.stdout.write(f"{count} frozen basket(s) reopened.")
