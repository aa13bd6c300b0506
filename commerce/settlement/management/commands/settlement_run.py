from django.core.management.base import BaseCommand

from commerce.settlement.services import last_closed_period, statements_run


class Command(BaseCommand):
    help = "Make every partner's statement for the last closed week or month."

    def handle(self, *args, **options):
        start, end = last_closed_period()
        made = statements_run(period_start=start, period_end=end)
        self.stdout.write(f"{len(made)} statements for {start} – {end}")
