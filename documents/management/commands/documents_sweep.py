"""Delete stored document files that no version refers to.

Uploads delete their file themselves when they fail; this catches the rest (a
rollback by an outer transaction, a crash between storing and committing).
Files younger than --min-age minutes are left alone: they may belong to an
upload still in progress.
"""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from alliance_hub import filestore
from documents.files import STORAGE_PREFIX
from documents.models import Version

ROOT = STORAGE_PREFIX.rstrip("/")


def _stored_names(directory=ROOT):
    subdirs, names = filestore.listdir(directory)
    for name in names:
        yield f"{directory}/{name}"
    for subdir in subdirs:
        yield from _stored_names(f"{directory}/{subdir}")


class Command(BaseCommand):
    help = "Delete stored document files that no version refers to."

    def add_arguments(self, parser):
        parser.add_argument("--min-age", type=int, default=60, help="Minutes (default 60).")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, min_age, dry_run, **options):
        cutoff = timezone.now() - timedelta(minutes=min_age)
        referenced = set(Version.objects.values_list("file", flat=True).distinct())
        removed = 0
        for name in _stored_names():
            if name in referenced or default_storage.get_modified_time(name) > cutoff:
                continue
            removed += 1
            if not dry_run:
                default_storage.delete(name)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {removed} unreferenced file(s).")
