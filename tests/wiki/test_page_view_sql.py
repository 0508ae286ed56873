"""The wiki page view's one query is written in SQL (wiki.selectors.page_view_for); it
must find what the ORM's rules find: the live page of that container at that path, its
live ancestors, its live direct sub-pages in path order, its editor, whether the viewer
watches it and its latest sign-off request."""

import pytest
from django.db.models import OuterRef, Subquery
from django.http import Http404

from tests.wiki.conftest import create_page, edit_page
from wiki import paths, services, signoff
from wiki.models import Page, SignoffRequest
from wiki.selectors import page_view_for
from workspaces.activity import watched_by

pytestmark = pytest.mark.django_db


def _by_the_orm(container, path, user):
    live = Page.objects.in_container(container).alive()
    wanted = [*paths.ancestor_paths(path), path]
    latest = SignoffRequest.objects.filter(page=OuterRef("pk")).order_by("-id").values("pk")
    family = sorted(
        live.filter(path__in=wanted).annotate(
            is_watched=watched_by(user, Page),
            signoff_request_id=Subquery(latest[:1]),
        ),
        key=lambda page: len(page.path),
    )
    children = live.filter(path__startswith=path + "/").exclude(path__regex=rf"^{path}/.*/")
    return family, list(children.order_by("path"))


def _shown(page):
    editor = str(page.updated_by) if page.updated_by else None
    return (page.pk, page.path, page.title, page.revision, page.body_html, editor)


@pytest.fixture
def tree(world):
    """A small tree in the workspace (one branch deleted, one with a grandchild), the
    same paths in the private group, an edit by another person, a watch and two sign-off
    requests."""
    member, lead = world.member, world.lead
    root = create_page(world.workspace, member, "Plan", "plan", "The plan")
    for path in ("plan/b", "plan/a", "plan/a/deep", "plan/c", "planning", "plan-b"):
        create_page(world.workspace, member, path.title(), path, path)
    gone = create_page(world.workspace, member, "Gone", "plan/gone", "")
    services.page_delete(actor=member, page=gone)
    create_page(world.private_group, member, "Other plan", "plan", "")
    create_page(world.private_group, member, "Other child", "plan/x", "")
    root = edit_page(root, lead, "The plan, edited")
    services.page_watch(actor=member, page=root)
    signoff.signoff_request(actor=lead, page=root)
    signoff.signoff_request(actor=lead, page=root)
    lead.display_name = ""
    lead.save()
    return world


@pytest.mark.parametrize("path", ["plan", "plan/a", "plan/a/deep", "plan/b", "planning"])
def test_the_page_its_family_and_state_are_the_orm_s(tree, path):
    for viewer in (tree.member, tree.lead, tree.observer):
        for container in (tree.workspace, tree.private_group):
            family, children = _by_the_orm(container, path, viewer)
            if not family or family[-1].path != path:
                with pytest.raises(Http404):
                    page_view_for(container=container, path=path, user=viewer)
                continue
            page, ancestors, found_children = page_view_for(
                container=container, path=path, user=viewer
            )
            assert [_shown(p) for p in [*ancestors, page]] == [_shown(p) for p in family]
            assert [_shown(p) for p in found_children] == [_shown(p) for p in children]
            assert page.is_watched == family[-1].is_watched
            assert page.signoff_request_id == family[-1].signoff_request_id
            assert page.workspace == tree.workspace and page.container == container


def test_the_page_of_the_tree_shows_what_the_orm_gives(tree):
    page, ancestors, children = page_view_for(
        container=tree.workspace, path="plan", user=tree.member
    )
    assert page.is_watched and page.signoff_request_id is not None
    assert str(page.updated_by) == tree.lead.email  # no display name: the e-mail
    assert ancestors == [] and [c.path for c in children] == ["plan/a", "plan/b", "plan/c"]
    services.page_unwatch(actor=tree.lead, page=page)  # the editor watched it
    by_the_lead = page_view_for(container=tree.workspace, path="plan", user=tree.lead)[0]
    assert by_the_lead.is_watched is False


def test_a_deleted_or_missing_page_is_not_found(tree):
    for path in ("plan/gone", "nothing", "plan/a/missing", "plan/%", "plan/_"):
        with pytest.raises(Http404):
            page_view_for(container=tree.workspace, path=path, user=tree.member)
