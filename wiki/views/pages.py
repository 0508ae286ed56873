"""Reading and writing pages: the list, a page, create, edit, preview, watch, links here."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_hub.textdiff import bounded_diff
from workspaces.access import container_view
from workspaces.roles import Action

from .. import paths, policies, selectors, services, signoff
from ..forms import PageCreateForm, PageEditForm, PreviewForm
from ..services import EditConflict, PageContent
from ..starters import TEMPLATES
from .common import add_errors, form_status, page_or_404, preview_html, require_edit


@container_view(Action.VIEW)
@require_GET
def page_list(request, container):
    return render(
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
    return render(
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
        return render(request, "wiki/page_form.html", {"container": container, "form": form})
    form = PageCreateForm(request.POST, parent_choices=choices)
    context = {"container": container, "form": form}
    if form.is_valid():
        data = form.cleaned_data
        body = data["body"]
        if not body.strip() and data.get("template"):
            body = TEMPLATES[data["template"]].body
        if "preview" in request.POST:
            context["preview_html"], context["preview_toc"] = preview_html(body, container)
            return render(request, "wiki/page_form.html", context)
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
            add_errors(form, error, path_field="slug")
        else:
            messages.success(request, f"The page “{page}” was created.")
            return redirect(page)
    return render(request, "wiki/page_form.html", context, status=form_status(form))


@container_view(Action.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def page_edit(request, container, page_path):
    page = page_or_404(container, page_path)
    require_edit(request, page)
    if request.method == "GET":
        form = PageEditForm(
            initial={"title": page.title, "body": page.body, "base_revision": page.revision}
        )
        return render(
            request, "wiki/page_form.html", {"container": container, "page": page, "form": form}
        )
    form = PageEditForm(request.POST)
    context = {"container": container, "page": page, "form": form}
    if not form.is_valid():
        return render(request, "wiki/page_form.html", context, status=400)
    data = form.cleaned_data
    if "preview" in request.POST:
        context["preview_html"], context["preview_toc"] = preview_html(data["body"], container)
        return render(request, "wiki/page_form.html", context)
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
        add_errors(form, error, path_field="title")
        return render(request, "wiki/page_form.html", context, status=400)
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
    return render(
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
    html, toc = preview_html(form.cleaned_data["body"], container)
    return render(
        request,
        "wiki/page_form.html#preview",
        {"container": container, "preview_html": html, "preview_toc": toc},
    )


@container_view(Action.VIEW)
@require_POST
def page_watch(request, container, page_path):
    page = page_or_404(container, page_path)
    services.page_watch(actor=request.user, page=page)
    messages.success(request, "You will be notified when this page changes.")
    return redirect(page)


@container_view(Action.VIEW)
@require_POST
def page_unwatch(request, container, page_path):
    page = page_or_404(container, page_path)
    services.page_unwatch(actor=request.user, page=page)
    messages.success(request, "You no longer watch this page.")
    return redirect(page)


@container_view(Action.VIEW)
@require_GET
def page_links_here(request, container, page_path):
    page = page_or_404(container, page_path)
    return render(
        request,
        "wiki/page_links_here.html",
        {"container": container, "page": page, "pages": selectors.links_here_for(page=page)},
    )
