from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from demo import (
    catalogue,
    commerce,
    enterprises,
    health,
    market,
    pages,
    product_images,
    reviews,
    search,
)


class Command(BaseCommand):
    help = "Load the Korean demo content (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            help="Also create the superuser 'admin' with this password (development only).",
        )

    # The demo's people and addresses are made up: whatever the site's mail settings, loading
    # them sends no email (approval notices, booking confirmations, ...).
    @override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    @transaction.atomic
    def handle(self, *args, admin_password=None, **options):
        catalogue.load()
        commerce.load()
        market.load()  # orders shipped, delivered, confirmed, returned, settled
        enterprises.load()
        pages.load()
        health.load()
        reviews.load()
        product_images.load()
        search.load()  # last: indexes everything loaded above
        if admin_password:
            User = get_user_model()
            user, _ = User.objects.get_or_create(
                username="admin", defaults={"email": "admin@thecen.local"}
            )
            user.is_staff = user.is_superuser = True
            user.set_password(admin_password)
            user.save()
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
