"""Views of onboarding: the kick-off, the start page and its pins."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import onboarding, pins, policies, selectors, services
from .access import container_view
from .bulk_invites import BulkInviteForm
from .forms import DescriptionForm, GroupCreateForm, PartnersForm, PinForm
from .roles import Action


def workspace_only(container):
    if container.is_group:
        raise Http404("This page exists only for a workspace.")


KICKOFF_FORMS = {"description": DescriptionForm, "partners": PartnersForm, "group": GroupCreateForm}


@container_view(Action.MANAGE)
@require_http_methods(["GET", "POST"])
def kickoff(request, container):
    """The guided first run for leads and community managers, one step at a time
    (``?step=``): partners, invitations, starter pages, done. Each form's service
    checks its own rule (only leads describe the alliance)."""
    workspace_only(container)
    step = request.GET.get("step", "partners")
    if step not in dict(onboarding.KICKOFF_STEPS):
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
            return redirect(onboarding.kickoff_step_url(container, step))
        status = 400
    return render(
        request,
        "workspaces/kickoff.html",
        {
            "container": container,
            "step": step,
            "steps": onboarding.kickoff_steps(step),
            "forms": forms,
            "invite_form": BulkInviteForm(may_invite_leads=request.access.can_lead),
            "partners": container.partners.all(),
            "groups": selectors.group_list_for(user=request.user, workspace=container),
            "checklist": onboarding.kickoff_checklist(container),
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
    workspace_only(container)
    onboarding.mark_welcomed(user=request.user, workspace=container)
    request.session.pop(f"welcome:{container.pk}", None)
    memberships = selectors.member_list_for(container=container)
    return render(
        request,
        "workspaces/start_here.html",
        {
            "container": container,
            "pins": selectors.pins_for(workspace=container),
            "organisations": selectors.members_by_organisation(memberships),
            "todo": onboarding.member_todo(request.user, container),
        },
    )


@container_view(policies.PIN_ACTION)
@require_POST
def pin_add(request, container):
    workspace_only(container)
    form = PinForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Say what to pin as app.model:id.")
    try:
        pin = pins.pin_add(
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
    workspace_only(container)
    pin = selectors.pin_get_for(workspace=container, pk=pk)
    pins.pin_remove(actor=request.user, pin=pin)
    messages.success(request, f"“{pin.label}” was unpinned.")
    return redirect("workspaces:start_here", container)
