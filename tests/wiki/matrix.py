"""Permission-matrix rows for every wiki URL (see tests/matrix.py)."""

from django.urls import reverse

from tests.matrix import FORBIDDEN, Route
from wiki import services
from wiki.services import PageContent
from workspaces.roles import Action

CONTENT = ("workspace", "private_group")


def _page(world, container, protected=False):
    page = services.page_create(
        actor=world.lead,
        container=container,
        content=PageContent("Matrix page", "Some [[text]]."),
        path="matrix-page",
        is_protected=protected,
    )
    services.page_save(
        actor=world.lead,
        page=page,
        base_revision=page.revision,
        content=PageContent("Matrix page", "Some more text."),
    )
    return page


def _container_url(name):
    return lambda w, c: reverse(name, args=[c])


def _page_url(name, protected=False):
    def build(w, c):
        return reverse(name, args=[c, _page(w, c, protected).path])

    return build


def _revision_url(name):
    def build(w, c):
        page = _page(w, c)
        return reverse(name, args=[c, 1, page.path])

    return build


def _trashed_url(w, c):
    page = _page(w, c)
    services.page_delete(actor=w.lead, page=page)
    return reverse("wiki:page_restore", args=[c, page.pk])


EDIT_DATA = {"title": "Matrix page", "body": "Edited.", "base_revision": 2}
# Members may not edit a protected page; leads and community managers may.
MEMBERS_FORBIDDEN = {"member": FORBIDDEN, "non_group_member": FORBIDDEN}

ROUTES = [
    Route("wiki:page_list", _container_url("wiki:page_list"), containers=CONTENT),
    Route(
        "wiki:page_recent_changes", _container_url("wiki:page_recent_changes"), containers=CONTENT
    ),
    Route("wiki:page_trash", _container_url("wiki:page_trash"), Action.LEAD, containers=CONTENT),
    Route("wiki:page_restore", _trashed_url, Action.LEAD, method="POST", containers=CONTENT),
    Route(
        "wiki:page_create",
        _container_url("wiki:page_create"),
        Action.CONTRIBUTE,
        containers=CONTENT,
    ),
    Route(
        "wiki:page_create",
        _container_url("wiki:page_create"),
        Action.CONTRIBUTE,
        method="POST",
        data={"title": "New from the matrix", "template": "scope"},
        containers=CONTENT,
    ),
    Route(
        "wiki:page_preview",
        _container_url("wiki:page_preview"),
        Action.CONTRIBUTE,
        method="POST",
        data={"body": "**preview**"},
        containers=CONTENT,
    ),
    Route("wiki:page_detail", _page_url("wiki:page_detail"), containers=CONTENT),
    Route("wiki:page_history", _page_url("wiki:page_history"), containers=CONTENT),
    Route("wiki:page_revision", _revision_url("wiki:page_revision"), containers=CONTENT),
    Route("wiki:page_diff", _page_url("wiki:page_diff"), containers=CONTENT),
    Route("wiki:page_links_here", _page_url("wiki:page_links_here"), containers=CONTENT),
    Route("wiki:page_watch", _page_url("wiki:page_watch"), method="POST", containers=CONTENT),
    Route("wiki:page_unwatch", _page_url("wiki:page_unwatch"), method="POST", containers=CONTENT),
    Route("wiki:page_edit", _page_url("wiki:page_edit"), Action.CONTRIBUTE, containers=CONTENT),
    Route(
        "wiki:page_edit",
        _page_url("wiki:page_edit"),
        Action.CONTRIBUTE,
        method="POST",
        data=EDIT_DATA,
        containers=CONTENT,
    ),
    Route(
        "wiki:page_edit",
        _page_url("wiki:page_edit", protected=True),
        Action.CONTRIBUTE,
        containers=("workspace",),
        expect=MEMBERS_FORBIDDEN,
    ),
    Route(
        "wiki:page_edit",
        _page_url("wiki:page_edit", protected=True),
        Action.CONTRIBUTE,
        method="POST",
        data=EDIT_DATA,
        containers=("private_group",),
        expect={"member": FORBIDDEN},
    ),
    Route(
        "wiki:page_revert",
        _revision_url("wiki:page_revert"),
        Action.CONTRIBUTE,
        method="POST",
        data={"base_revision": 2},
        containers=CONTENT,
    ),
    Route("wiki:page_move", _page_url("wiki:page_move"), Action.CONTRIBUTE, containers=CONTENT),
    Route(
        "wiki:page_move",
        _page_url("wiki:page_move"),
        Action.CONTRIBUTE,
        method="POST",
        data={"new_path": "moved-by-the-matrix"},
        containers=CONTENT,
    ),
    Route(
        "wiki:page_delete",
        _page_url("wiki:page_delete"),
        Action.CONTRIBUTE,
        method="POST",
        containers=CONTENT,
    ),
    Route(
        "wiki:page_delete",
        _page_url("wiki:page_delete", protected=True),
        Action.CONTRIBUTE,
        method="POST",
        containers=("workspace",),
        expect=MEMBERS_FORBIDDEN,
    ),
    Route(
        "wiki:page_protect",
        _page_url("wiki:page_protect"),
        Action.LEAD,
        method="POST",
        data={"protect": "1"},
        containers=CONTENT,
    ),
]


def _asked_url(name):
    """A page whose sign-off is asked of every partner, members allowed to sign."""

    def build(w, c):
        from wiki import signoff

        page = _page(w, c)
        roles = ["lead", "community_manager", "member"]
        signoff.signatory_roles_set(actor=w.lead, workspace=w.workspace, roles=roles)
        signoff.signoff_request(actor=w.lead, page=page)
        return reverse(name, args=[c, page.path])

    return build


def _sign_data(w, c):
    from wiki.models import SignoffRequest

    request = SignoffRequest.objects.latest("id")
    return {"request": request.pk, "revision": request.revision}


ROUTES += [
    Route("wiki:page_signoff", _asked_url("wiki:page_signoff"), containers=CONTENT),
    Route("wiki:signoff_csv", _asked_url("wiki:signoff_csv"), containers=CONTENT),
    Route(
        "wiki:signoff_request",
        _page_url("wiki:signoff_request"),
        Action.LEAD,
        method="POST",
        containers=CONTENT,
    ),
    # Observers never sign, whatever the workspace allows.
    Route(
        "wiki:page_sign",
        _asked_url("wiki:page_sign"),
        Action.VIEW,
        method="POST",
        data=_sign_data,
        containers=CONTENT,
        expect={"observer": FORBIDDEN},
    ),
    Route("wiki:signatory_roles", _container_url("wiki:signatory_roles"), Action.LEAD),
    Route(
        "wiki:signatory_roles",
        _container_url("wiki:signatory_roles"),
        Action.LEAD,
        method="POST",
        data={"roles": ["lead"]},
    ),
]
