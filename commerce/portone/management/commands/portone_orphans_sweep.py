from django.core.management.base import BaseCommand

from commerce.portone.services import portone_orphans_sweep


class Command(BaseCommand):
    help = "Give back PortOne payments that never became an order (the shopper did not return)."

    def handle(self, *args, **options):
        swept = portone_orphans_sweep()
        self.stdout.write(f"payments given back: {len(swept)} {' '.join(swept)}")
