from datetime import date

from django.core.management.base import BaseCommand, CommandError

from reporting import services


class Command(BaseCommand):
    help = (
        "Open due report periods and remind partners of reports due soon and today. "
        "Idempotent: running it twice on a day sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = _parse(date)
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}.") from error
        sent = services.send_report_reminders(today=today)
        self.stdout.write(f"{sent} reminder notification(s) sent.")


def _parse(text):
    return date.fromisoformat(text)
