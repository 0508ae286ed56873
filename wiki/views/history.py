"""A page's history: revisions, diffs, revert, and the recent changes of a container."""

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from alliance_hub.params import query_id
from alliance_hub.textdiff import bounded_diff, html_blocks
from workspaces.access import container_view
from workspaces.roles import Action

from .. import policies, selectors, services
from ..forms import RevertForm
from ..services import EditConflict
from .common import page_or_404, require_edit


@container_view(Action.VIEW)
@require_GET
def page_history(request, container, page_path):
    page = selectors.page_get_for(container=container, path=page_path, text=False)
    rows, has_more = selectors.history_for(page=page, before=query_id(request, "before"))
    return render(
        request,
        "wiki/page_history.html",
        {"container": container, "page": page, "revisions": rows, "has_more": has_more},
    )


@container_view(Action.VIEW)
@require_GET
def page_revision(request, container, revision, page_path):
    page = page_or_404(container, page_path)
    row = selectors.revision_get_for(page=page, revision=revision)
    return render(
        request,
        "wiki/page_revision.html",
        {
            "container": container,
            "page": page,
            "revision": row,
            "may_edit": policies.may_edit_page(request.access, page),
        },
    )


def _revision_param(request, name, default):
    value = query_id(request, name)
    return default if value is None else value


DIFF_CACHE_SECONDS = 24 * 3600
DIFF_VIEWS = {
    # ?view=: what is compared. The rendered text reads like the page; the source
    # shows Markdown changes (a link target, a table's pipes) the page hides.
    "page": lambda row: html_blocks(row.body_html),
    "source": lambda row: row.body,
}


@container_view(Action.VIEW)
@require_GET
def page_diff(request, container, page_path):
    page = selectors.page_get_for(container=container, path=page_path, text=False)
    new = _revision_param(request, "to", page.revision)
    old = _revision_param(request, "from", max(new - 1, 1))
    rows = selectors.revisions_get_for(page=page, revisions=[old, new], text=False)
    old_row, new_row = rows[old], rows[new]
    view = request.GET.get("view") if request.GET.get("view") in DIFF_VIEWS else "page"
    text_of = DIFF_VIEWS[view]
    # History rows never change, so their diff is the same for every viewer (access
    # was decided above); computing it is most of this page's time on long pages, and
    # the two texts (deferred fields) are read only on a miss.
    diff = cache.get_or_set(
        f"wiki:diff:{view}:{old_row.history_id}:{new_row.history_id}",
        lambda: bounded_diff(text_of(old_row), text_of(new_row)),
        DIFF_CACHE_SECONDS,
    )
    return render(
        request,
        "wiki/page_diff.html",
        {
            "container": container,
            "page": page,
            "old": old_row,
            "new": new_row,
            "diff": diff,
            "view": view,
            "changed": diff.changed or old_row.title != new_row.title,
        },
    )


@container_view(Action.CONTRIBUTE)
@require_POST
def page_revert(request, container, revision, page_path):
    page = page_or_404(container, page_path)
    require_edit(request, page)
    selectors.revision_get_for(page=page, revision=revision)
    form = RevertForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("The form is missing the revision you are looking at.")
    try:
        services.page_revert(
            actor=request.user,
            page=page,
            revision=revision,
            base_revision=form.cleaned_data["base_revision"],
        )
    except EditConflict:
        messages.error(
            request, "The page was changed after you opened it; check the history again."
        )
        return redirect("wiki:page_history", container, page.path)
    messages.success(request, f"The page was reverted to revision {revision}.")
    return redirect(page)


@container_view(Action.VIEW)
@require_GET
def page_recent_changes(request, container):
    return render(
        request,
        "wiki/page_recent_changes.html",
        {"container": container, "changes": selectors.recent_changes_for(container=container)},
    )
