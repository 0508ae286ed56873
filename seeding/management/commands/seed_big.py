"""``manage.py seed_big [--scale 0.1]``: a big alliance for the benchmark (bench/run.py).

At scale 1: 2,000 members in 40 organisations, 50 groups (a third private), 20,000
documents with 60,000 versions, 5,000 wiki pages with 50,000 revisions, 200,000
status posts, 2,000 blog posts, activity and notifications. Rows go in with
``bulk_create`` (minutes, not hours); containers and their guardian rows come from
the workspaces services so permissions are exactly what the app would make.

Besides the bulk, it makes the objects the benchmark loads: a folder of 500
documents, a document with 50 versions, a wiki page holding the reference page
``bench/big-page.md`` with 200 revisions, and a folder deep enough for
page 100. It prints a JSON summary with their URLs and a member's e-mail. The data
set is built in ``seeding/big/``.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from seeding.big import Seeder
from workspaces.models import Workspace

BIG_PAGE = Path(settings.BASE_DIR) / "bench" / "big-page.md"  # the reference page


class Command(BaseCommand):
    help = "Create a large alliance (bulk inserts) for the benchmark; --scale shrinks it."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--slug", default="big-alliance")
        parser.add_argument(
            "--big-page", default="", help="the reference wiki page (default: bench/big-page.md)"
        )
        parser.add_argument("--seed", type=int, default=8)

    def handle(self, *args, scale, slug, big_page, seed, **options):
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        page_file = Path(big_page) if big_page else BIG_PAGE
        if not page_file.is_file():
            raise CommandError(f"The reference page {page_file} is missing.")
        if Workspace.objects.filter(slug=slug).exists():
            raise CommandError(f"A workspace '{slug}' already exists: the data set is there.")
        summary = Seeder(scale, slug, page_file.read_text(encoding="utf-8"), seed).run()
        self.stdout.write(json.dumps(summary, indent=2))
