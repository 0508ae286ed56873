"""``manage.py send_digests``: send the digests that are due now (see workspaces/digests.py;
the periodic scheduler does the same every hour)."""

from django.core.management.base import BaseCommand

from workspaces.digests import PERIODS, send_due_digests


class Command(BaseCommand):
    help = "E-mail the daily or weekly digest to every member whose digest is due."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=sorted(PERIODS), help="Only this frequency.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would get a digest; send nothing."
        )

    def handle(self, *args, frequency=None, dry_run=False, **options):
        def report(email, outcome):
            if dry_run or options["verbosity"] > 1:
                self.stdout.write(f"{email}: {outcome}")

        counts = send_due_digests(frequency=frequency, dry_run=dry_run, report=report)
        prefix = "Dry run: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{counts['sent']} digests sent, {counts['nothing new']} with nothing new, "
            f"{counts['failed']} failed."
        )
        if counts["failed"]:
            self.stderr.write("Some digests failed; they stay due and go out on the next run.")
