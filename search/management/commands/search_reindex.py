from django.core.management.base import BaseCommand, CommandError

from commerce.core.locks import LockHeld
from search.engine import SearchUnavailable
from search.services import search_reindex


class Command(BaseCommand):
    help = "Build a fresh search index from the database and switch the alias to it."

    def handle(self, *args, **options):
        try:
            name = search_reindex()
        except SearchUnavailable as exc:
            raise CommandError(f"The search engine is not available: {exc}") from exc
        except LockHeld as exc:
            raise CommandError("Another search_reindex is running; nothing was changed.") from exc
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {name}"))
