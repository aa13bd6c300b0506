from django.core.management.base import BaseCommand, CommandError

from search.engine import SearchUnavailable
from search.services import search_check


class Command(BaseCommand):
    help = "Compare the search index with the database: missing, stale and extra documents."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Fix what is found.")

    def handle(self, *args, repair=False, **options):
        try:
            report = search_check(repair=repair)
        except SearchUnavailable as exc:
            raise CommandError(f"The search engine is not available: {exc}") from exc
        for kind, pks in report.missing.items():
            if pks:
                self.stdout.write(f"missing {kind}: {', '.join(pks)}")
        for kind, pks in report.stale.items():
            if pks:
                self.stdout.write(f"stale {kind}: {', '.join(pks)}")
        if report.extra:
            self.stdout.write(f"extra: {', '.join(report.extra)}")
        if report.ok:
            self.stdout.write(self.style.SUCCESS("The search index matches the database."))
        elif repair:
            self.stdout.write(self.style.SUCCESS("Repaired."))
        else:
            self.stdout.write(self.style.WARNING("Run with --repair to fix."))
            raise SystemExit(1)
