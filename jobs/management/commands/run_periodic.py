"""``manage.py run_periodic``: enqueue the periodic work that is due (see jobs/periodic.py).

Run it every minute, on any number of machines: each entry is enqueued once per
period. ``--loop`` keeps it running and ticks every minute (``make run`` does so).
"""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from jobs import periodic

TICK_SECONDS = 60


class Command(BaseCommand):
    help = "Enqueue the periodic work that is due (digests, sweeps, job recovery)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Tick every minute until stopped.")

    def handle(self, *args, loop=False, **options):
        while True:
            names = periodic.run_due()
            if options["verbosity"] > 1 or not loop:
                self.stdout.write(f"Enqueued: {', '.join(names) or 'nothing due'}.")
            if not loop:
                return
            time.sleep(TICK_SECONDS - time.time() % TICK_SECONDS)
            close_old_connections()  # a long-running loop, like a request: fresh connections
