"""The profile page's sections (recent documents, blog posts, status posts) are read in
SQL text; each must list what its ORM rule listed, with the same labels, links and
times, for every kind of viewer, over content in every kind of container."""

import pytest
from django.contrib.auth.models import AnonymousUser

from documents import hooks as document_hooks
from documents.models import Document
from microblog import hooks as microblog_hooks
from microblog import services as microblog_services
from microblog.models import BlogPost, StatusPost
from tests.documents.helpers import make_document
from tests.factories import superuser
from tests.microblog.helpers import blog, post
from workspaces.access import contained_visible_q

pytestmark = pytest.mark.django_db


def _items(rows, label, when):
    return [{"label": label(r), "url": r.get_absolute_url(), "when": when(r)} for r in rows]


def orm_sections(viewer, person):
    """The three sections as their ORM rules wrote them (title, items)."""
    documents = (
        Document.objects.alive()
        .filter(contained_visible_q(viewer))
        .filter(created_by=person)
        .select_related("workspace", "group")
        .order_by("-updated_at", "-id")[:5]
    )
    blogs = (
        BlogPost.objects.filter(contained_visible_q(viewer))
        .published()
        .filter(author=person)
        .select_related("workspace", "group__workspace")
        .order_by("-published_at", "-id")[:10]
    )
    posts = (
        StatusPost.objects.filter(contained_visible_q(viewer))
        .public()
        .filter(author=person)
        .select_related("workspace", "group__workspace")
        .order_by("-id")[:10]
    )
    return [
        _items(documents, lambda d: d.title, lambda d: d.updated_at),
        _items(blogs, lambda b: b.title, lambda b: b.published_at),
        _items(posts, str, lambda p: p.created_at),
    ]


def sql_sections(viewer, person):
    sections = [
        document_hooks.recent_documents_section(viewer, person),
        microblog_hooks.blog_posts_section(viewer, person),
        microblog_hooks.status_posts_section(viewer, person),
    ]
    return [section["items"] if section else [] for section in sections]


@pytest.fixture
def authored(world):
    author = world.member
    for container in (world.workspace, world.open_group, world.private_group):
        make_document(container, author, f"Report in {container.slug}.txt")
        blog(author, container, title=f"Notes <from> {container.slug}")
        blog(author, container, title="A draft", publish=False)
        root = post(world.lead, container, "A thread")
        post(author, container, "A reply with a long text " * 5, reply_to=root)
        post(author, container, f"Plain & simple in {container.slug}")
        hidden = post(author, container, "Hidden")
        microblog_services.post_hide(actor=world.lead, post=hidden, reason="Spam")
        gone = post(author, container, "Deleted")
        microblog_services.post_delete(actor=author, post=gone)
    for n in range(6):
        make_document(world.workspace, author, f"Extra {n}.txt")
    return world


VIEWERS = ["member", "observer", "non_group_member", "outsider", "removed", "lead"]


@pytest.mark.parametrize("viewer", [*VIEWERS, "superuser", "anonymous"])
def test_sections_list_what_the_orm_rules_listed(viewer, authored):
    if viewer == "superuser":
        user = superuser()
    elif viewer == "anonymous":
        user = AnonymousUser()
    else:
        user = getattr(authored, viewer)
    expected = orm_sections(user, authored.member)
    assert sql_sections(user, authored.member) == expected
    if viewer in ("member", "superuser"):
        assert all(expected) and len(expected[0]) == 5
