"""Wiki views: thin, through selectors and services. Pages are served from the HTML
stored at save time; only the preview renders Markdown, and it saves nothing."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_hub.params import query_id
from alliance_hub.textdiff import bounded_diff, html_blocks
from workspaces.access import container_view
from workspaces.roles import Action

from . import paths, policies, selectors, services, signoff
from .forms import PageCreateForm, PageEditForm, PageMoveForm, PreviewForm, RevertForm
from .markup import render_page_markdown
from .services import EditConflict, PageContent
from .starters import TEMPLATES


def _render(request, template, context, status=200):
    # ``access`` drives the container navigation and the buttons a viewer may use.
    return render(request, template, {"access": request.access, **context}, status=status)


def _page_or_404(container, page_path):
    return selectors.page_get_for(container=container, path=page_path)


def _require_edit(request, page):
    if not policies.may_edit_page(request.access, page):
        raise PermissionDenied("Only leads and community managers may change a protected page.")


def _preview_html(body, container):
    html, toc, _version, _targets = render_page_markdown(body, container=container)
    return html, toc


def _status(form):
    return 400 if form.errors else 200


@container_view(Action.VIEW)
@require_GET
def page_list(request, container):
    return _render(
        request,
        "wiki/page_list.html",
        {
            "container": container,
            "pages": selectors.page_list_for(container=container),
            "templates": [t for t in TEMPLATES.values() if t.key != "blank"],
        },
    )


@container_view(Action.VIEW)
@require_GET
def page_detail(request, container, page_path):
    try:
        page, ancestors, children = selectors.page_view_for(
            container=container, path=page_path, user=request.user
        )
    except Http404:
        moved = selectors.redirect_target_for(container=container, path=page_path)
        if moved is None:
            raise
        return redirect(moved, permanent=True)
    return _render(
        request,
        "wiki/page_detail.html",
        {
            "container": container,
            "page": page,
            "ancestors": ancestors,
            "children": children,
            "may_edit": policies.may_edit_page(request.access, page),
            "may_protect": policies.may_protect(request.access),
            "signoff": signoff.status_for(page=page),
        },
    )


def _create_initial(request):
    """Prefill from a "create this page" link (?path=&title=) or a template (?template=)."""
    wanted = paths.normalise_path(request.GET.get("path", ""))
    parent, _, slug = wanted.rpartition("/")
    template = TEMPLATES.get(request.GET.get("template", ""), TEMPLATES["blank"])
    title = request.GET.get("title", "") or template.title or slug.replace("-", " ").capitalize()
    return {
        "title": title,
        "parent": parent or request.GET.get("parent", ""),
        "slug": slug,
        "template": template.key,
        "body": template.body,
    }


@container_view(Action.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def page_create(request, container):
    choices = selectors.parent_choices_for(container=container)
    if request.method == "GET":
        form = PageCreateForm(initial=_create_initial(request), parent_choices=choices)
        return _render(request, "wiki/page_form.html", {"container": container, "form": form})
    form = PageCreateForm(request.POST, parent_choices=choices)
    context = {"container": container, "form": form}
    if form.is_valid():
        data = form.cleaned_data
        body = data["body"]
        if not body.strip() and data.get("template"):
            body = TEMPLATES[data["template"]].body
        if "preview" in request.POST:
            context["preview_html"], context["preview_toc"] = _preview_html(body, container)
            return _render(request, "wiki/page_form.html", context)
        try:
            page = services.page_create(
                actor=request.user,
                container=container,
                content=PageContent(data["title"], body, data["summary"]),
                path=data["path"],
                is_protected=data["template"] == "governance"
                and policies.may_protect(request.access),
            )
        except ValidationError as error:
            _add_errors(form, error, path_field="slug")
        else:
            messages.success(request, f"The page “{page}” was created.")
            return redirect(page)
    return _render(request, "wiki/page_form.html", context, status=_status(form))


def _add_errors(form, error, path_field):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = path_field if name == "path" else name
            form.add_error(target if target in form.fields else None, errors)
    else:
        form.add_error(None, error)


@container_view(Action.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def page_edit(request, container, page_path):
    page = _page_or_404(container, page_path)
    _require_edit(request, page)
    if request.method == "GET":
        form = PageEditForm(
            initial={"title": page.title, "body": page.body, "base_revision": page.revision}
        )
        return _render(
            request, "wiki/page_form.html", {"container": container, "page": page, "form": form}
        )
    form = PageEditForm(request.POST)
    context = {"container": container, "page": page, "form": form}
    if not form.is_valid():
        return _render(request, "wiki/page_form.html", context, status=400)
    data = form.cleaned_data
    if "preview" in request.POST:
        context["preview_html"], context["preview_toc"] = _preview_html(data["body"], container)
        return _render(request, "wiki/page_form.html", context)
    try:
        services.page_save(
            actor=request.user,
            page=page,
            base_revision=data["base_revision"],
            content=PageContent(data["title"], data["body"], data["summary"]),
        )
    except EditConflict as conflict:
        return _conflict(request, container, page, form, conflict)
    except ValidationError as error:
        _add_errors(form, error, path_field="title")
        return _render(request, "wiki/page_form.html", context, status=400)
    messages.success(request, "Your changes were saved.")
    return redirect(page)


def _conflict(request, container, page, form, conflict):
    """The save was refused: show what changed meanwhile and keep the editor's text,
    now based on the current revision, so saving again applies their merge."""
    current = conflict.current
    if current is None:
        messages.error(request, "The page was deleted while you were editing it.")
        raise Http404("The page was deleted.")
    base = form.cleaned_data["base_revision"]
    base_row = selectors.revision_or_none(page=current, revision=base)
    their_diff = bounded_diff(base_row.body if base_row else "", current.body)
    data = {**form.cleaned_data, "base_revision": current.revision}
    merged_form = PageEditForm(initial=data)
    return _render(
        request,
        "wiki/page_form.html",
        {
            "container": container,
            "page": current,
            "form": merged_form,
            "conflict": True,
            "conflict_base": base,
            "conflict_diff": their_diff,
            "conflict_title_changed": base_row is not None and base_row.title != current.title,
        },
        status=409,
    )


@container_view(Action.CONTRIBUTE)
@require_POST
def page_preview(request, container):
    form = PreviewForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("The text is too long to preview.")
    html, toc = _preview_html(form.cleaned_data["body"], container)
    return _render(
        request,
        "wiki/page_form.html#preview",
        {"container": container, "preview_html": html, "preview_toc": toc},
    )


@container_view(Action.VIEW)
@require_GET
def page_history(request, container, page_path):
    page = _page_or_404(container, page_path)
    rows, has_more = selectors.history_for(page=page, before=query_id(request, "before"))
    return _render(
        request,
        "wiki/page_history.html",
        {"container": container, "page": page, "revisions": rows, "has_more": has_more},
    )


@container_view(Action.VIEW)
@require_GET
def page_revision(request, container, revision, page_path):
    page = _page_or_404(container, page_path)
    row = selectors.revision_get_for(page=page, revision=revision)
    return _render(
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
    page = _page_or_404(container, page_path)
    new = _revision_param(request, "to", page.revision)
    old = _revision_param(request, "from", max(new - 1, 1))
    rows = selectors.revisions_get_for(page=page, revisions=[old, new])
    old_row, new_row = rows[old], rows[new]
    view = request.GET.get("view") if request.GET.get("view") in DIFF_VIEWS else "page"
    text_of = DIFF_VIEWS[view]
    # History rows never change, so their diff is the same for every viewer (access
    # was decided above); computing it is most of this page's time on long pages.
    diff = cache.get_or_set(
        f"wiki:diff:{view}:{old_row.history_id}:{new_row.history_id}",
        lambda: bounded_diff(text_of(old_row), text_of(new_row)),
        DIFF_CACHE_SECONDS,
    )
    return _render(
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
    page = _page_or_404(container, page_path)
    _require_edit(request, page)
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


@container_view(Action.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def page_move(request, container, page_path):
    page = _page_or_404(container, page_path)
    _require_edit(request, page)
    form = PageMoveForm(request.POST or None, initial={"new_path": page.path})
    if request.method == "POST" and form.is_valid():
        try:
            services.page_move(
                actor=request.user, page=page, new_path=form.cleaned_data["new_path"]
            )
        except ValidationError as error:
            _add_errors(form, error, path_field="new_path")
        else:
            messages.success(request, f"The page moved; {page_path} now redirects to it.")
            return redirect(page)
    return _render(
        request,
        "wiki/page_move.html",
        {"container": container, "page": page, "form": form},
        status=_status(form),
    )


@container_view(Action.CONTRIBUTE)
@require_POST
def page_delete(request, container, page_path):
    page = _page_or_404(container, page_path)
    _require_edit(request, page)
    try:
        services.page_delete(actor=request.user, page=page)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(page)
    messages.success(request, f"“{page}” was moved to the trash; a lead can restore it.")
    return redirect("wiki:page_list", container)


@container_view(policies.PROTECT_ACTION)
@require_POST
def page_protect(request, container, page_path):
    page = _page_or_404(container, page_path)
    protect = request.POST.get("protect") == "1"
    services.page_set_protected(actor=request.user, page=page, is_protected=protect)
    if protect:
        messages.success(request, "Only leads and community managers can edit this page now.")
    else:
        messages.success(request, "Every member can edit this page again.")
    return redirect(page)


@container_view(Action.VIEW)
@require_POST
def page_watch(request, container, page_path):
    page = _page_or_404(container, page_path)
    services.page_watch(actor=request.user, page=page)
    messages.success(request, "You will be notified when this page changes.")
    return redirect(page)


@container_view(Action.VIEW)
@require_POST
def page_unwatch(request, container, page_path):
    page = _page_or_404(container, page_path)
    services.page_unwatch(actor=request.user, page=page)
    messages.success(request, "You no longer watch this page.")
    return redirect(page)


@container_view(Action.VIEW)
@require_GET
def page_links_here(request, container, page_path):
    page = _page_or_404(container, page_path)
    return _render(
        request,
        "wiki/page_links_here.html",
        {"container": container, "page": page, "pages": selectors.links_here_for(page=page)},
    )


@container_view(Action.VIEW)
@require_GET
def page_recent_changes(request, container):
    return _render(
        request,
        "wiki/page_recent_changes.html",
        {"container": container, "changes": selectors.recent_changes_for(container=container)},
    )


@container_view(Action.LEAD)
@require_GET
def page_trash(request, container):
    return _render(
        request,
        "wiki/page_trash.html",
        {"container": container, "pages": selectors.trash_for(container=container)},
    )


@container_view(Action.LEAD)
@require_POST
def page_restore(request, container, page_id):
    page = selectors.trashed_page_get_for(container=container, pk=page_id)
    try:
        services.page_restore(actor=request.user, page=page)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("wiki:page_trash", container)
    messages.success(request, f"“{page}” was restored.")
    return redirect(page)
