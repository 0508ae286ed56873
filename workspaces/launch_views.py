"""Views for the kick-off, the start page, pins, the adoption dashboard and the export."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_hub import csvfiles

from . import launch, policies, selectors, services
from .access import container_view
from .bulk_invites import BulkInviteForm
from .forms import DescriptionForm, GroupCreateForm, PartnersForm, PinForm
from .roles import Action


def _workspace_only(container):
    if container.is_group:
        raise Http404("This page exists only for a workspace.")


KICKOFF_FORMS = {"description": DescriptionForm, "partners": PartnersForm, "group": GroupCreateForm}


@container_view(Action.MANAGE)
@require_http_methods(["GET", "POST"])
def kickoff(request, container):
    """The guided first run for leads and community managers, one step at a time
    (``?step=``): partners, invitations, starter pages, done. Each form's service
    checks its own rule (only leads describe the alliance)."""
    _workspace_only(container)
    step = request.GET.get("step", "partners")
    if step not in dict(launch.KICKOFF_STEPS):
        step = "partners"
    forms = {
        "description": DescriptionForm(initial={"description": container.description}),
        "partners": PartnersForm(),
        "group": GroupCreateForm(),
    }
    status = 200
    if request.method == "POST":
        posted = request.POST.get("step")
        if posted not in KICKOFF_FORMS:
            return HttpResponseBadRequest("Unknown setup step.")
        form = forms[posted] = KICKOFF_FORMS[posted](request.POST)
        if form.is_valid() and _kickoff_step(request, container, posted, form):
            return redirect(launch.kickoff_step_url(container, step))
        status = 400
    return render(
        request,
        "workspaces/kickoff.html",
        {
            "container": container,
            "step": step,
            "steps": launch.kickoff_steps(step),
            "forms": forms,
            "invite_form": BulkInviteForm(may_invite_leads=request.access.can_lead),
            "partners": container.partners.all(),
            "groups": selectors.group_list_for(user=request.user, workspace=container),
            "checklist": launch.kickoff_checklist(container),
        },
        status=status,
    )


def _kickoff_step(request, workspace, step, form):
    data = form.cleaned_data
    try:
        if step == "description":
            services.workspace_describe(actor=request.user, workspace=workspace, **data)
            messages.success(request, "The description was saved.")
        elif step == "partners":
            added = services.partners_add(
                actor=request.user, workspace=workspace, names=data["names"]
            )
            messages.success(request, f"Partners: {', '.join(map(str, added))}.")
        else:
            group = services.group_create(actor=request.user, workspace=workspace, **data)
            messages.success(request, f"The group {group} was created.")
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@container_view(Action.VIEW)
@require_GET
def start_here(request, container):
    """The welcome page: pinned items, the team by organisation, the member's to-do."""
    _workspace_only(container)
    launch.mark_welcomed(user=request.user, workspace=container)
    request.session.pop(f"welcome:{container.pk}", None)
    memberships = selectors.member_list_for(container=container)
    return render(
        request,
        "workspaces/start_here.html",
        {
            "container": container,
            "pins": selectors.pins_for(workspace=container),
            "organisations": selectors.members_by_organisation(memberships),
            "todo": launch.member_todo(request.user, container),
        },
    )


@container_view(policies.PIN_ACTION)
@require_POST
def pin_add(request, container):
    _workspace_only(container)
    form = PinForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Say what to pin as app.model:id.")
    try:
        pin = launch.pin_add(
            actor=request.user, workspace=container, target_ref=form.cleaned_data["target"]
        )
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{pin.label}” is pinned to the start page.")
    return redirect("workspaces:start_here", container)


@container_view(policies.PIN_ACTION)
@require_POST
def pin_remove(request, container, pk):
    _workspace_only(container)
    pin = selectors.pin_get_for(workspace=container, pk=pk)
    launch.pin_remove(actor=request.user, pin=pin)
    messages.success(request, f"“{pin.label}” was unpinned.")
    return redirect("workspaces:start_here", container)


@container_view(Action.MANAGE)
@require_GET
def adoption(request, container):
    _workspace_only(container)
    labels, rows = launch.adoption_rows(container, request.user)
    charts = [
        (label, launch.bar_chart(points))
        for label, points in launch.weekly_series(container, request.user)
    ]
    return render(
        request,
        "workspaces/adoption.html",
        {
            "container": container,
            "labels": labels,
            "rows": rows,
            "charts": charts,
            "never_signed_in": [
                r["membership"] for r in rows if not r["membership"].user.last_login
            ],
            "invitations": launch.invitations_overview(container),
            # Here, not on the dashboard: it reads every member's profile.
            "checklist": launch.kickoff_checklist(container),
        },
    )


@container_view(Action.MANAGE)
@require_GET
def adoption_csv(request, container):
    _workspace_only(container)
    response = HttpResponse(
        launch.adoption_csv(container, request.user), content_type=csvfiles.CONTENT_TYPE
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{container.slug}-adoption-{timezone.now():%Y-%m-%d}.csv"'
    )
    return response


@container_view(Action.MANAGE)
@require_http_methods(["GET", "POST"])
def export(request, container):
    """GET: what the export holds; POST: ask for it. The ZIP is built by a job: the
    job's page shows progress, and a notification brings the download link."""
    if request.method == "POST":
        job = launch.export_start(actor=request.user, container=container)
        return redirect(job)
    return render(
        request,
        "workspaces/export.html",
        {"container": container, "retention_days": settings.EXPORT_RETENTION_DAYS},
    )
