"""Run a scheduled job under a lock: `manage.py job_run orders_expire [its arguments]`.

The systemd timers in deploy/ call every daily job through this command. If the same job is
already running anywhere (another host's timer, a manual run), this run does nothing and
exits 0, so overlapping runs never send a reminder or expire an order twice. The lock lives
in the shared cache (Redis), see commerce/core/locks.py.
"""

import argparse

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from commerce.core.locks import LockHeld, lock_hold

# The jobs a timer may run, and how long one run may take at most before its lock expires.
JOBS = {
    "orders_expire": 3600,
    "portone_orphans_sweep": 600,
    "bookings_daily": 3600,
    "mc_daily": 3600,
    "membership_dues": 3600,
    "health_daily": 3600,
    "clearsessions": 3600,
    "prune_db_task_results": 3600,
    "search_check": 3600,
}


class Command(BaseCommand):
    help = "Run one scheduled job, unless the same job is running already (lock in the cache)."

    def add_arguments(self, parser):
        parser.add_argument("job", choices=sorted(JOBS))
        parser.add_argument("job_args", nargs=argparse.REMAINDER, help="passed to the job")

    def handle(self, *args, job, job_args, **options):
        if job not in get_commands():
            raise CommandError(f"Unknown job {job}")
        try:
            with lock_hold(f"job:{job}", ttl=JOBS[job]):
                call_command(job, *job_args, stdout=self.stdout, stderr=self.stderr)
        except LockHeld:
            self.stdout.write(f"{job} is already running elsewhere; this run did nothing.")
            return
        self.stdout.write(self.style.SUCCESS(f"{job} done."))
