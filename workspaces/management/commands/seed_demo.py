import importlib
import json

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from workspaces import demo, launch_demo


class Command(BaseCommand):
    help = "Create two demo alliances with people in every role; print their logins."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the logins as JSON.")

    def handle(self, *args, **options):
        if demo.exists():
            self.stderr.write("The demo data exists already; nothing was changed.")
        else:
            with transaction.atomic():
                world = demo.create()
                for app in apps.get_app_configs():
                    try:
                        module = importlib.import_module(f"{app.name}.demo")
                    except ModuleNotFoundError:
                        continue
                    if app.name != "workspaces" and hasattr(module, "seed"):
                        module.seed(world)
                # Pins, visits and invitations need the apps' content in place.
                launch_demo.seed(world)
            self.stderr.write(self.style.SUCCESS("Demo alliances created."))
        rows = demo.logins()
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2))
            return
        self.stdout.write(f"All demo logins use the password: {demo.PASSWORD}\n")
        for row in rows:
            groups = ", ".join(row["groups"]) or "-"
            self.stdout.write(
                f"{row['email']:<32} {row['workspace']:<18} {row['role']:<18} "
                f"{row['organisation']:<30} groups: {groups}"
            )
