from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from alliance_hub.reversing import reverse
from workspaces.access import container_view
from workspaces.roles import Action

from . import selectors
from .forms import SearchForm

# The header box's drop-down (templates/search/_header_box.html) targets this element.
HEADER_TARGET = "topbar-results"
HEADER_RESULTS = 6


@require_GET
def search(request):
    """The site search: everything the viewer may see, in every workspace, ranked.
    An htmx request gets a fragment only: the results (typing on this page) or the
    top few (typing in the header box on any page)."""
    if request.headers.get("HX-Target") == HEADER_TARGET:
        return _header_results(request)
    choices = selectors.filter_choices(user=request.user)
    form = SearchForm(
        request.GET or None, containers=choices.containers, organisations=choices.organisations
    )
    results, has_more, page = [], False, 1
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        page = data["page"] or 1
        results, has_more = selectors.search_for(
            query=data["q"],
            page=page,
            visible=choices.visible,
            container=choices.scopes.get(data["in"]),
            kind=data["kind"],
            author=data["author"],
            organisation=data["organisation"],
            since=data["since"],
            until=data["until"],
            versions=data["versions"],
        )
    context = {
        "form": form,
        "query": _query(form),
        "results": results,
        "has_more": has_more,
        "page": page,
        "next_query": _page_query(request, page + 1),
        "previous_query": _page_query(request, page - 1) if page > 1 else "",
    }
    template = "search/search.html"
    if request.headers.get("HX-Request") and not request.headers.get("HX-Boosted"):
        template += "#results"
    return render(request, template, context)


@container_view(Action.VIEW)
@require_GET
def container_search(request, container):
    """The old per-container search: the site search, narrowed to this container."""
    params = {"q": request.GET.get("q", "")[:1000], "in": container.container_path}
    return redirect(f"{reverse('search:search')}?{urlencode(params)}")


def _header_results(request):
    """The top results for the header box: the query only, no filters."""
    form = SearchForm({"q": request.GET.get("q", "")})
    results = []
    if form.is_valid() and form.cleaned_data["q"]:
        visible = selectors.filter_choices(user=request.user).visible
        results, _ = selectors.search_for(
            query=form.cleaned_data["q"], visible=visible, page_size=HEADER_RESULTS
        )
    context = {"form": form, "query": _query(form), "results": results}
    return render(request, "search/_header_results.html", context)


def _query(form):
    return form.cleaned_data.get("q", "") if form.is_bound and form.is_valid() else ""


def _page_query(request, page):
    params = request.GET.copy()
    params["page"] = page
    return params.urlencode()
