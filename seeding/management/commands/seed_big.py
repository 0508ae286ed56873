"""``manage.py seed_big [--scale 0.1]``: a big alliance for the benchmark (bench/run.py).

At scale 1: 2,000 members in 40 organisations, 50 groups (a third private), 20,000
documents with 60,000 versions, 5,000 wiki pages with 50,000 revisions, 200,000
status posts, 2,000 blog posts, activity and notifications. Rows go in with
``bulk_create`` (minutes, not hours); containers and their guardian rows come from
the workspaces services so permissions are exactly what the app would make.

Besides the bulk, it makes the objects the benchmark loads: a folder of 500
documents, a document with 50 versions, a wiki page holding the reference page
``bench/big-page.md`` with 200 revisions, and a folder deep enough for
page 100. It prints a JSON summary with their URLs and a member's e-mail.
"""

import hashlib
import json
import random
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from alliance_hub.pagination import encode_cursor
from documents.models import Document, Folder, Version
from documents.selectors import DEFAULT_SORT, PAGE_SIZE, SORTS
from microblog.models import BlogPost, StatusPost
from profiles.models import Profile
from wiki.models import Page, render_page_markdown
from workspaces import services
from workspaces.models import (
    Activity,
    Group,
    GroupMembership,
    Membership,
    Notification,
    Organisation,
    RoleGroup,
    Workspace,
)
from workspaces.roles import Role

PASSWORD = "bench-password"  # noqa: S105 - a throwaway benchmark data set
BATCH = 2000
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
BENCH_FOLDER_DOCS = 500
BENCH_DOC_VERSIONS = 50
BIG_PAGE_REVISIONS = 200
DEEP_PAGE = 100
FILE_POOL = 1000  # distinct small files; versions share them as restores do


BIG_PAGE = Path(settings.BASE_DIR) / "bench" / "big-page.md"  # the reference page


def analyze_tables():
    """Refresh the planner's statistics: after bulk inserts they still describe empty
    tables (autovacuum catches up only later), and plans made on them sort whole tables."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


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
        counts = {k: max(3, int(v * scale)) for k, v in FULL.items()}
        seeder = Seeder(counts, slug, page_file.read_text(encoding="utf-8"), random.Random(seed))
        summary = seeder.run()
        self.stdout.write(json.dumps(summary, indent=2))


class Seeder:
    def __init__(self, counts, slug, big_page_text, rng):
        self.counts, self.slug, self.big_page_text, self.rng = counts, slug, big_page_text, rng
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

    # People and containers -----------------------------------------------------------

    def people(self):
        n = self.counts["members"]
        self.organisations = Organisation.objects.bulk_create(
            Organisation(name=f"Partner organisation {i:03d} ({self.slug})")
            for i in range(self.counts["organisations"])
        )
        self.lead = self.User.objects.create_user(
            email=f"lead@{self.slug}.example", password=PASSWORD, display_name="Big Lead"
        )
        password = make_password(PASSWORD)
        users = [
            self.User(
                email=f"member{i:05d}@{self.slug}.example",
                display_name=f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}",
                password=password,
            )
            for i in range(n - 1)
        ]
        self.members = self.User.objects.bulk_create(users, batch_size=BATCH)
        Profile.objects.bulk_create(
            (
                Profile(user=u, job_title=JOBS[i % len(JOBS)], location=CITIES[i % len(CITIES)])
                for i, u in enumerate(self.members)
            ),
            batch_size=BATCH,
        )
        self.people_all = [self.lead, *self.members]

    def containers(self):
        self.workspace = Workspace.objects.create(
            name="Big Alliance", slug=self.slug, created_by=self.lead
        )
        services.create_role_groups(self.workspace)
        services.member_add(
            actor=self.lead,
            workspace=self.workspace,
            user=self.lead,
            role=Role.LEAD,
            organisation=self.organisations[0],
            check=False,
        )
        self.workspace.partners.add(*self.organisations)
        self.groups = []
        for i in range(self.counts["groups"]):
            self.groups.append(
                services.group_create(
                    actor=self.lead,
                    workspace=self.workspace,
                    name=f"Work package {i + 1}",
                    slug=f"wp{i + 1}",
                    is_private=(i % 3 == 2),
                )
            )
        self.private_groups = [g for g in self.groups if g.is_private]

    def _role_for(self, index):
        # member0, the benchmark's persona, is a plain member (in every private group).
        if index % 50 == 25:
            return Role.COMMUNITY_MANAGER
        if index % 10 == 1:
            return Role.OBSERVER
        return Role.MEMBER

    def memberships(self):
        """Memberships, private-group memberships and the role auth groups, in bulk:
        what ``member_add`` and ``group_member_add`` do one by one."""
        role_groups = {
            (rg.workspace_id, rg.group_id, rg.role): rg.auth_group_id
            for rg in RoleGroup.objects.filter(workspace=self.workspace)
            | RoleGroup.objects.filter(group__in=self.private_groups)
        }
        roles = {u.pk: self._role_for(i) for i, u in enumerate(self.members)}
        Membership.objects.bulk_create(
            (
                Membership(
                    workspace=self.workspace,
                    user=u,
                    organisation=self.organisations[i % len(self.organisations)],
                    role=roles[u.pk],
                    joined_at=self.now - timedelta(days=i % 700),
                    welcomed_at=self.now,
                )
                for i, u in enumerate(self.members)
            ),
            batch_size=BATCH,
        )
        Through = self.User.groups.through
        links = [
            Through(user_id=u.pk, group_id=role_groups[(self.workspace.pk, None, roles[u.pk])])
            for u in self.members
        ]
        group_members = []
        for index, group in enumerate(self.private_groups):
            # Every fifth person, shifted per group; member0 is in all of them.
            chosen = [u for i, u in enumerate(self.members) if (i + index) % 5 == 0 or i == 0]
            for u in chosen:
                group_members.append(GroupMembership(group=group, user=u))
                links.append(
                    Through(user_id=u.pk, group_id=role_groups[(None, group.pk, roles[u.pk])])
                )
        GroupMembership.objects.bulk_create(group_members, batch_size=BATCH)
        Through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)
        staff = [u.pk for u in self.members if roles[u.pk] == Role.COMMUNITY_MANAGER]
        admin = services.admin_auth_group()
        Through.objects.bulk_create(
            [Through(user_id=pk, group_id=admin.pk) for pk in staff], ignore_conflicts=True
        )
        self.User.objects.filter(pk__in=staff).update(is_staff=True)
        self.bench_member = self.members[0]
        self.containers_all = [self.workspace, *self.groups]

    # Documents -----------------------------------------------------------------------

    def _file_pool(self):
        size = min(FILE_POOL, self.counts["versions"])
        pool = []
        for i in range(size):
            content = f"Bench file {i}\n".encode() + b"Alliance Hub benchmark data.\n" * 8
            digest = hashlib.sha256(content).hexdigest()
            key = hashlib.sha256(f"{self.slug}-{i}".encode()).hexdigest()[:32]
            name = default_storage.save(f"documents/{key[:2]}/{key}", ContentFile(content))
            pool.append((name, len(content), digest))
        return pool

    def _folder(self, container, name):
        folder = Folder(name=name, created_by=self.lead)
        folder.set_container(container)
        folder.name_key = name.casefold()
        return folder

    def _document(self, container, folder, title, author, when):
        doc = Document(
            folder=folder,
            title=title,
            name_key=title.casefold(),
            description="",
            file_type="txt",
            created_by=author,
            created_at=when,
            updated_at=when,
        )
        doc.set_container(container)
        return doc

    def documents(self):
        pool = self._file_pool()
        self.bench_folder = self._folder(self.workspace, "Bench folder (500 documents)")
        self.deep_folder = self._folder(self.workspace, "Archive (page 100)")
        folders = [self.bench_folder, self.deep_folder]
        for container in self.containers_all:
            folders += [self._folder(container, f"{name}") for name in FOLDER_NAMES]
        Folder.objects.bulk_create(folders, batch_size=BATCH)
        other_folders = folders[2:]

        rng, people = self.rng, self.people_all
        total = self.counts["documents"]
        deep_count = DEEP_PAGE * PAGE_SIZE + 10
        plan = [(self.bench_folder, BENCH_FOLDER_DOCS), (self.deep_folder, deep_count)]
        rest = max(0, total - BENCH_FOLDER_DOCS - deep_count)
        plan.append((None, rest))
        docs = []
        for folder, count in plan:
            for _ in range(count):
                target = folder or rng.choice(other_folders)
                when = self.now - timedelta(minutes=rng.randrange(1, 1_000_000))
                title = f"{rng.choice(DOC_WORDS)} {rng.choice(DOC_WORDS)} report {len(docs):06d}"
                docs.append(
                    self._document(target.container, target, title, rng.choice(people), when)
                )
        self.bench_document = self._document(
            self.workspace, self.bench_folder, "Bench document (50 versions)", self.lead, self.now
        )
        docs.append(self.bench_document)
        Document.objects.bulk_create(docs, batch_size=BATCH)

        # Versions: 50 for the bench document, the rest spread to reach the total.
        per_doc = _spread(rng, docs, BENCH_DOC_VERSIONS, self.counts["versions"])
        versions = []
        for doc in docs:
            for number in range(1, per_doc[doc.pk] + 1):
                name, size, digest = pool[len(versions) % len(pool)]
                versions.append(
                    Version(
                        document=doc,
                        number=number,
                        file=name,
                        original_name=f"{doc.title}.txt",
                        content_type="text/plain",
                        size=size,
                        sha256=digest,
                        preview=Version.Preview.TEXT,
                        change_note=f"Revision {number}" if number > 1 else "",
                        uploaded_by=doc.created_by,
                        uploaded_at=doc.updated_at - timedelta(hours=per_doc[doc.pk] - number),
                    )
                )
        Version.objects.bulk_create(versions, batch_size=BATCH)
        latest = {}
        for v in versions:
            latest[v.document_id] = v
        for doc in docs:
            v = latest[doc.pk]
            doc.latest_version, doc.version_count, doc.size = v, v.number, v.size
        Document.objects.bulk_update(
            docs, ["latest_version", "version_count", "size"], batch_size=BATCH
        )
        self.version_total = len(versions)
        self.document_total = len(docs)

    # Wiki ----------------------------------------------------------------------------

    def wiki(self):
        History = Page.history.model
        rng, people = self.rng, self.people_all
        sample_body = "## Purpose\n\nNotes of the work package.\n\n## Decisions\n\n- One\n- Two\n"
        html, toc, version, _ = render_page_markdown(sample_body, container=self.workspace)
        pages = []
        for i in range(self.counts["pages"] - 1):
            container = self.containers_all[i % len(self.containers_all)]
            page = Page(
                title=f"Page {i:05d}",
                path=f"topic-{i % 97}/page-{i:05d}",
                body=sample_body,
                body_html=html,
                toc_html=toc,
                markup_version=version,
                revision=1,
                created_by=rng.choice(people),
                updated_by=rng.choice(people),
                created_at=self.now - timedelta(days=i % 900),
                updated_at=self.now - timedelta(days=i % 300),
            )
            page.set_container(container)
            pages.append(page)
        big_html, big_toc, big_version, _ = render_page_markdown(
            self.big_page_text, container=self.workspace
        )
        self.big_page = Page(
            title="Big page",
            path="reference/big-page",
            body=self.big_page_text,
            body_html=big_html,
            toc_html=big_toc,
            markup_version=big_version,
            revision=BIG_PAGE_REVISIONS,
            created_by=self.lead,
            updated_by=self.lead,
        )
        self.big_page.set_container(self.workspace)
        pages.append(self.big_page)
        Page.objects.bulk_create(pages, batch_size=BATCH)

        revisions_per_page = _spread(rng, pages, BIG_PAGE_REVISIONS, self.counts["revisions"])
        rows = []
        for page in pages:
            last = revisions_per_page[page.pk]
            for number in range(1, last + 1):
                body, body_html = page.body, page.body_html
                if page is self.big_page and number < last:
                    # Earlier revisions lack the last paragraphs' note, so diffs show a change.
                    note = f"Revision {number} of the reference page."
                    body, body_html = f"{body}\n\n{note}\n", f"{body_html}\n<p>{note}</p>"
                rows.append(
                    History(
                        id=page.pk,
                        workspace_id=page.workspace_id,
                        group_id=page.group_id,
                        title=page.title,
                        path=page.path,
                        body=body,
                        body_html=body_html,
                        toc_html=page.toc_html,
                        markup_version=page.markup_version,
                        revision=number,
                        change_summary=f"Edit {number}",
                        is_protected=False,
                        deleted_at=None,
                        history_date=page.updated_at - timedelta(hours=last - number),
                        history_type="+" if number == 1 else "~",
                        history_user=rng.choice(people),
                        history_change_reason=None,
                    )
                )
            if page is not self.big_page:
                page.revision = last
        History.objects.bulk_create(rows, batch_size=500)
        Page.objects.bulk_update(pages, ["revision"], batch_size=BATCH)
        self.revision_total = len(rows)
        self.page_total = len(pages)

    # Stream, blogs, activity ----------------------------------------------------------

    def microblog(self):
        rng, people = self.rng, self.people_all
        samples = []
        for text in STATUS_TEXTS:
            post = StatusPost(text=text)
            post.set_container(self.workspace)
            post.render_markup()
            samples.append((post.text, post.html, post.markup_version))
        posts = []
        for i in range(self.counts["status_posts"]):
            text, html, version = samples[i % len(samples)]
            post = StatusPost(
                author=rng.choice(people),
                text=text,
                html=html,
                markup_version=version,
                created_at=self.now - timedelta(minutes=self.counts["status_posts"] - i),
            )
            # Four in five posts on the workspace stream, the rest in groups.
            post.set_container(self.workspace if i % 5 else rng.choice(self.containers_all))
            posts.append(post)
        StatusPost.objects.bulk_create(posts, batch_size=BATCH)
        self.post_total = len(posts)

        blog = BlogPost(title="Sample", body=BLOG_BODY)
        blog.render_markup()
        blogs = []
        for i in range(self.counts["blog_posts"]):
            when = self.now - timedelta(hours=i * 3)
            post = BlogPost(
                author=rng.choice(people),
                title=f"Field notes {i:04d}",
                body=BLOG_BODY,
                body_html=blog.body_html,
                markup_version=blog.markup_version,
                status=BlogPost.Status.PUBLISHED,
                created_at=when,
                updated_at=when,
                published_at=when,
            )
            post.set_container(self.containers_all[i % len(self.containers_all)])
            blogs.append(post)
        BlogPost.objects.bulk_create(blogs, batch_size=BATCH)

    def activity_and_notifications(self):
        from django.contrib.contenttypes.models import ContentType

        rng, people = self.rng, self.people_all
        doc_type = ContentType.objects.get_for_model(Document)
        samples = list(
            Document.objects.filter(workspace=self.workspace).select_related("workspace", "group")[
                :200
            ]
        )
        rows = []
        for i in range(self.counts["activity"]):
            doc = samples[i % len(samples)]
            rows.append(
                Activity(
                    workspace_id=doc.workspace_id,
                    group_id=doc.group_id,
                    actor=rng.choice(people),
                    verb=rng.choice(["uploaded", "updated", "commented on"]),
                    target_type=doc_type,
                    target_id=doc.pk,
                    target_label=doc.title,
                    target_url=doc.get_absolute_url(),
                    created_at=self.now - timedelta(minutes=self.counts["activity"] - i),
                )
            )
        Activity.objects.bulk_create(rows, batch_size=BATCH)
        notes = []
        for i in range(self.counts["notifications"]):
            doc = samples[i % len(samples)]
            notes.append(
                Notification(
                    recipient=people[i % len(people)],
                    workspace=self.workspace,
                    kind="new_version",
                    actor=rng.choice(people),
                    text=f"New version of “{doc.title}”",
                    target_url=doc.get_absolute_url(),
                    read_at=self.now if i % 3 else None,
                )
            )
        Notification.objects.bulk_create(notes, batch_size=BATCH)

    # Summary -------------------------------------------------------------------------

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


FIRST = ["Anna", "Bram", "Chiara", "Dirk", "Elif", "Finn", "Greta", "Hugo", "Ines", "Jonas"]
FIRST += ["Katja", "Lars", "Mira", "Noah", "Olga", "Pieter", "Rosa", "Sven", "Tess", "Ugo"]
LAST = ["Jansen", "Müller", "Rossi", "Dubois", "Nowak", "Larsen", "Visser", "Schmidt"]
LAST += ["Garcia", "Costa", "Novak", "Berg", "Meyer", "Moreau", "Kowalski", "Lund"]
JOBS = ["Project officer", "Hydrologist", "Data engineer", "Policy adviser", "Ecologist"]
CITIES = ["Rotterdam", "Hamburg", "Antwerp", "Aarhus", "Gdańsk", "Bergen", "Lyon"]
FOLDER_NAMES = ["Minutes", "Reports", "Deliverables", "Contracts", "Data"]
DOC_WORDS = ["Annual", "Budget", "Sediment", "Water", "Quality", "Survey", "Pilot", "Risk"]
DOC_WORDS += ["Interim", "Final", "Draft", "Partner", "Field", "Model", "Audit", "Plan"]
STATUS_TEXTS = [
    "Uploaded the new sediment survey, comments welcome #survey",
    "Kick-off call went well, minutes are in the wiki.",
    "Who has the latest budget sheet? #budget",
    "Field trip to the estuary next Tuesday, room for two more.",
    "Draft deliverable D3.2 is ready for review #deliverables",
]
BLOG_BODY = (
    "## What we learnt\n\nThe pilot showed that shared monitoring saves a lot of "
    "duplicated work.\n\n- Fewer field trips\n- One data format\n\nMore in the next post.\n"
)


def _spread(rng, rows, last_count, total):
    """How many children each of ``rows`` gets: the last one (the benchmark's own)
    ``last_count``, the others one each plus, at random, what it takes to reach ``total``."""
    counts = {row.pk: 1 for row in rows}
    counts[rows[-1].pk] = last_count
    for _ in range(max(0, total - sum(counts.values()))):
        counts[rng.choice(rows[:-1]).pk] += 1
    return counts
