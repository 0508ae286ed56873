"""The big alliance behind ``manage.py seed_big``, one module per part of it; the
``Seeder`` runs the parts in order, sharing what each made on ``self``."""

import random

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from alliance_hub.pagination import encode_cursor
from alliance_hub.reversing import reverse
from documents.models import Document
from documents.selectors import DEFAULT_SORT, PAGE_SIZE, SORTS
from workspaces.models import Group, Membership

from .documents import DEEP_PAGE, DocumentSeeding
from .people import PASSWORD, PeopleSeeding
from .stream import StreamSeeding
from .wiki import BIG_PAGE_REVISIONS, WikiSeeding

FULL = {
    "members": 2000,
    "organisations": 40,
    "groups": 50,
    "documents": 20000,
    "versions": 60000,
    "pages": 5000,
    "revisions": 50000,
    "status_posts": 200000,
    "blog_posts": 2000,
    "activity": 40000,
    "notifications": 20000,
}


def analyze_tables():
    """Refresh the planner's statistics: after bulk inserts they still describe empty
    tables (autovacuum catches up only later), and plans made on them sort whole tables."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class Seeder(PeopleSeeding, DocumentSeeding, WikiSeeding, StreamSeeding):
    def __init__(self, scale: float, slug: str, big_page_text: str, seed: int):
        self.counts = {k: max(3, int(v * scale)) for k, v in FULL.items()}
        self.slug, self.big_page_text, self.rng = slug, big_page_text, random.Random(seed)
        self.now = timezone.now()
        self.User = get_user_model()

    def run(self):
        with transaction.atomic():
            self.people()
            self.containers()
            self.memberships()
        with transaction.atomic():
            self.documents()
        with transaction.atomic():
            self.wiki()
        with transaction.atomic():
            self.microblog()
            self.activity_and_notifications()
        analyze_tables()
        return self.summary()

    def summary(self):
        ws = self.workspace
        deep_rows = list(
            Document.objects.filter(folder=self.deep_folder, deleted_at__isnull=True)
            .order_by(*SORTS[DEFAULT_SORT][1])
            .only(*[f.lstrip("-") for f in SORTS[DEFAULT_SORT][1]])[
                (DEEP_PAGE - 1) * PAGE_SIZE - 1 : (DEEP_PAGE - 1) * PAGE_SIZE
            ]
        )
        cursor = encode_cursor(SORTS[DEFAULT_SORT][1], deep_rows[0])
        folder_url = reverse("documents:folder_detail", args=[ws, self.deep_folder.pk])
        doc_url = reverse("documents:document_detail", args=[ws, self.bench_document.pk])
        page_path = self.big_page.path
        return {
            "workspace": ws.slug,
            "member_email": self.bench_member.email,
            "member_password": PASSWORD,
            "counts": {
                "members": Membership.objects.filter(workspace=ws).count(),
                "organisations": len(self.organisations),
                "groups": Group.objects.filter(workspace=ws).count(),
                "private_groups": len(self.private_groups),
                "documents": self.document_total,
                "versions": self.version_total,
                "pages": self.page_total,
                "revisions": self.revision_total,
                "status_posts": self.post_total,
                "blog_posts": self.counts["blog_posts"],
                "activity": self.counts["activity"],
                "notifications": self.counts["notifications"],
            },
            "urls": {
                "dashboard": reverse("workspaces:dashboard", args=[ws]),
                "folder_500": reverse("documents:folder_detail", args=[ws, self.bench_folder.pk]),
                "document_50_versions": doc_url,
                "wiki_page": reverse("wiki:page_detail", args=[ws, page_path]),
                "wiki_history": reverse("wiki:page_history", args=[ws, page_path]),
                "wiki_diff": reverse("wiki:page_diff", args=[ws, page_path])
                + f"?from={BIG_PAGE_REVISIONS - 1}&to={BIG_PAGE_REVISIONS}",
                "stream": reverse("microblog:post_list", args=[ws]),
                "profile": reverse("profiles:profile_detail", args=[self.members[1].pk]),
                "people": reverse("profiles:directory", args=[ws]),
                "folder_page_100": f"{folder_url}?cursor={cursor}",
                "bare": reverse("bench_bare"),
            },
        }
