from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors
from .forms import SearchForm


@require_GET
def search(request):
    """The site search: everything the viewer may see, in every workspace, ranked.
    An htmx request (typing in the box) gets the results fragment only."""
    labels, organisations, containers = selectors.filter_choices(user=request.user)
    form = SearchForm(request.GET or None, containers=labels, organisations=organisations)
    results, has_more, page = [], False, 1
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        page = data["page"] or 1
        results, has_more = selectors.search_for(
            user=request.user,
            query=data["q"],
            page=page,
            container=containers.get(data["in"]),
            kind=data["kind"],
            author=data["author"],
            organisation=data["organisation"],
            since=data["since"],
            until=data["until"],
            versions=data["versions"],
        )
    context = {
        "form": form,
        "query": form.cleaned_data.get("q", "") if form.is_bound and form.is_valid() else "",
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


def _page_query(request, page):
    params = request.GET.copy()
    params["page"] = page
    return params.urlencode()
