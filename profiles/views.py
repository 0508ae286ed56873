from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from alliance_hub import filestore
from alliance_hub.pagination import InvalidCursor
from alliance_hub.reversing import reverse
from alliance_hub.uploads import upload_view
from workspaces.access import container_view
from workspaces.roles import Action

from . import photos, policies, selectors, services
from .completeness import completeness
from .forms import DirectoryFilterForm, ProfileForm

# Photo URLs carry ?v=<version>, so a new photo gets a new URL and caching is safe.
PHOTO_CACHE = "private, max-age=86400"


@require_GET
def profile_detail(request, pk):
    person = selectors.person_get_for(viewer=request.user, pk=pk)
    profile = services.profile_ensure(user=person)
    memberships = selectors.shared_memberships_for(viewer=request.user, person=person)
    is_owner = person.pk == request.user.pk
    context = {
        "person": person,
        "profile": profile,
        "memberships": memberships,
        "sections": selectors.profile_sections_for(viewer=request.user, person=person),
        "is_owner": is_owner,
        "may_edit": policies.may_edit_profile(actor=request.user, user=person),
        "edit_url": reverse("profiles:profile_edit_me")
        if is_owner
        else reverse("profiles:profile_edit", args=[person.pk]),
        # Tag links lead to the directory of the first workspace both people share.
        "tag_workspace": memberships[0].workspace if memberships else None,
        "local_time": datetime.now(ZoneInfo(profile.time_zone)) if profile.time_zone else None,
    }
    if is_owner:
        context["completeness"] = completeness(
            profile,
            workspace_ids=[m.workspace_id for m in memberships],
            tasks_by_workspace={m.workspace_id: m.tasks for m in memberships},
        )
    return render(request, "profiles/profile_detail.html", context)


@upload_view
@require_http_methods(["GET", "POST"])
def profile_edit_me(request):
    return _edit(request, request.user)


@upload_view
@require_http_methods(["GET", "POST"])
def profile_edit(request, pk):
    person = selectors.person_get_for(viewer=request.user, pk=pk)
    if not policies.may_edit_profile(actor=request.user, user=person):
        raise PermissionDenied("Only the person themselves may change their profile.")
    return _edit(request, person)


def _edit(request, person):
    profile = services.profile_ensure(user=person)
    memberships = selectors.shared_memberships_for(viewer=person, person=person)
    posted = request.method == "POST"
    form = ProfileForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        person=person,
        profile=profile,
        memberships=memberships,
    )
    if posted and form.is_valid():
        try:
            services.profile_save(
                actor=request.user,
                user=person,
                changes=form.changes(),
                tasks=form.tasks(),
                photo=form.cleaned_data["photo"],
                remove_photo=form.cleaned_data.get("remove_photo", False),
            )
        except photos.PhotoRejected as error:
            form.add_error("photo", error)
        except ValidationError as error:
            form.add_error(None, ValidationError(error.messages))
        else:
            done = "Your profile" if person == request.user else f"The profile of {person}"
            messages.success(request, f"{done} was saved.")
            return redirect(person)
    if form.errors:
        messages.error(request, "Nothing was saved: please correct the marked fields.")
    return render(
        request,
        "profiles/profile_form.html",
        {"person": person, "profile": profile, "form": form, "is_owner": person == request.user},
        status=400 if form.errors else 200,
    )


@require_GET
def photo(request, pk, size):
    if size not in photos.SIZES:
        raise Http404("No such photo size.")
    person = selectors.person_get_for(viewer=request.user, pk=pk, with_tags=False)
    profile = selectors.profile_of(person)
    name = profile.photo_files.get(size) if profile else None
    if not name:
        raise Http404("This person has no photo.")
    try:
        chunks = filestore.open_range(name)
    except FileNotFoundError:
        raise Http404("This person has no photo.") from None
    response = StreamingHttpResponse(chunks, content_type="image/jpeg")
    response["Content-Disposition"] = f'inline; filename="photo-{person.pk}-{size}.jpg"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = PHOTO_CACHE
    return response


@require_GET
def avatar(request, pk):
    person = selectors.person_get_for(viewer=request.user, pk=pk, with_tags=False)
    svg = photos.avatar_svg(name=person.display_name or person.email)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    # Opened on its own, the SVG still may not run anything.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response["Cache-Control"] = PHOTO_CACHE
    return response


@container_view(Action.VIEW)
@require_GET
def directory(request, container):
    """The member directory, filtered, DIRECTORY_PAGE people a page (keyset pages:
    rendering thousands of rows is what made this page slow in the benchmark)."""
    options = selectors.directory_filter_options(container=container)
    form = DirectoryFilterForm(request.GET or None, options=options)
    cursor = request.GET.get("after", "")
    filters = form.filters()
    try:
        rows, next_cursor = selectors.directory_page(
            container=container, **filters, cursor=cursor, size=DIRECTORY_PAGE
        )
    except InvalidCursor:  # tampered or from another list: the first page
        cursor = ""
        rows, next_cursor = selectors.directory_page(
            container=container, **filters, size=DIRECTORY_PAGE
        )
    if request.access.can_manage:
        selectors.add_completeness(rows, workspace=container.workspace)
    context = {
        "container": container,
        "form": form,
        "rows": rows,
        "next_cursor": next_cursor,
        "later_page": bool(cursor),
        "filtered": bool(filters),
        "show_completeness": request.access.can_manage,
    }
    template = "profiles/profile_list.html"
    if request.headers.get("HX-Request"):
        template += "#results"
    return render(request, template, context, status=400 if form.errors else 200)


DIRECTORY_PAGE = 50
