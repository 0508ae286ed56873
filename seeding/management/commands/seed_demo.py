import json
from datetime import timedelta

from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from alliance_hub.hooks import DEMO_CHAPTERS, get_hooks
from seeding import alliances as demo
from seeding.clock import StoryClock, chapters_in_order

# The story starts with the alliances being set up, six weeks before "now".
STORY_START = timedelta(weeks=6)
QUIET_MAIL = "django.core.mail.backends.locmem.EmailBackend"


class Command(BaseCommand):
    help = "Create two demo alliances with people in every role; print where to start."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", help="Print every demo login as one JSON document."
        )
        parser.add_argument("--all", action="store_true", help="List every demo login.")

    def handle(self, *args, **options):
        if demo.exists():
            self.stderr.write("The demo data exists already; nothing was changed.")
        else:
            self._seed()
            self.stderr.write(self.style.SUCCESS("Demo alliances created."))
        rows = demo.logins()
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2))
        elif options["all"]:
            self._all_logins(rows)
        else:
            self._personas(rows)

    def _seed(self):
        # The demo's invitation e-mails go to made-up addresses; printing them (the
        # console backend) would bury the logins and break --json.
        quiet_mail = override_settings(EMAIL_BACKEND=QUIET_MAIL)
        # Object storage (S3) refuses requests signed at story times.
        local_files = isinstance(default_storage, FileSystemStorage)
        clock = StoryClock(STORY_START, travel=local_files)
        with quiet_mail, clock, transaction.atomic():
            world = demo.create()
            world.clock = clock
            story = [
                chapter for chapters in get_hooks(DEMO_CHAPTERS) for chapter in chapters(world)
            ]
            for chapter in chapters_in_order(story):
                clock.at(chapter.ago)
                chapter.run(world)

    def _personas(self, rows):
        order = [email for email, _workspace, _text in demo.PERSONAS]
        personas = sorted((r for r in rows if r["persona"]), key=lambda r: order.index(r["email"]))
        self.stdout.write(
            f"Alliance Hub demo: open http://127.0.0.1:8000/ and sign in as one of these "
            f"people with the password {demo.PASSWORD}\n"
        )
        for row in personas:
            self.stdout.write(f"  {row['email']:<26} {row['name']:<16} {row['persona']}")
        self.stdout.write(
            f"\n  Sofia's code comes from the secret {demo.TOTP_SECRET} in any authenticator "
            f"app.\n  The operator (Django admin) is {demo.ADMIN_EMAIL}. "
            f"`manage.py seed_demo --all` lists all {len(rows)} demo logins."
        )

    def _all_logins(self, rows):
        self.stdout.write(f"All demo logins use the password: {demo.PASSWORD}\n")
        for row in rows:
            groups = ", ".join(row["groups"]) or "-"
            self.stdout.write(
                f"{row['email']:<32} {row['workspace']:<18} {row['role']:<18} "
                f"{row['organisation']:<30} groups: {groups}"
            )
