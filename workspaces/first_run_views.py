"""The first hour: creating a workspace, inviting many people at once (with a preview),
a copyable link per invitation, and finishing the kick-off."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from . import bulk_invites, founding, onboarding, selectors, services
from .access import container_view
from .forms import WorkspaceCreateForm
from .roles import Action

OUTCOME_TEXT = {
    "invited": "Invitation sent to {email}.",
    "re-sent": "{email} was already invited: a fresh link was sent.",
    "already a member": "{email} is already a member; nothing was sent.",
}


def _workspace_only(container):
    if container.is_group:
        raise Http404("This page exists only for a workspace.")


def report_outcomes(request, results):
    for email, outcome in results:
        level = messages.WARNING if outcome == "already a member" else messages.SUCCESS
        messages.add_message(request, level, OUTCOME_TEXT[outcome].format(email=email))


@require_http_methods(["GET", "POST"])
def workspace_create(request):
    if not founding.user_may_create_workspace(request.user):
        raise PermissionDenied("Creating an alliance is reserved to the platform's operator.")
    form = WorkspaceCreateForm(request.POST or None, for_operator=request.user.is_superuser)
    if request.method == "POST" and form.is_valid():
        try:
            return _create(request, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "workspaces/workspace_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _create(request, data):
    common = {"actor": request.user, "name": data["name"], "description": data["description"]}
    if data.get("lead_email"):
        workspace = founding.workspace_create_for(
            **common, lead_email=data["lead_email"], lead_organisation=data["organisation"]
        )
        messages.success(
            request, f"{workspace} was created; {data['lead_email']} was invited as its lead."
        )
        return redirect("workspaces:invitation_list", workspace)
    workspace = founding.workspace_create(**common, organisation=data["organisation"])
    messages.success(request, f"{workspace} is ready. Next: its partner organisations.")
    return redirect(onboarding.kickoff_step_url(workspace, "partners"))


@container_view(Action.MANAGE)
@require_http_methods(["GET", "POST"])
def invitation_bulk(request, container):
    """GET: the form; POST "preview": the parsed lines; POST "send": the invitations."""
    _workspace_only(container)
    form = bulk_invites.BulkInviteForm(
        request.POST or None, may_invite_leads=request.access.can_lead
    )
    lines = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lines = bulk_invites.parse(
            data["lines"],
            workspace=container,
            default_role=data["role"],
            may_invite_leads=request.access.can_lead,
            add_partners=data["add_partners"],
        )
        if request.POST.get("send") and lines and not any(ln.errors for ln in lines):
            results = bulk_invites.invitations_send_lines(
                actor=request.user, workspace=container, lines=lines, message=data["message"]
            )
            report_outcomes(request, results)
            if request.POST.get("kickoff"):
                return redirect(onboarding.kickoff_step_url(container, "pages"))
            return redirect("workspaces:invitation_list", container)
    return render(
        request,
        "workspaces/invitation_bulk.html",
        {
            "container": container,
            "form": form,
            "lines": lines,
            "has_errors": lines is not None and (not lines or any(ln.errors for ln in lines)),
            "kickoff": bool(request.GET.get("kickoff") or request.POST.get("kickoff")),
        },
        status=400 if form.errors else 200,
    )


@container_view(Action.MANAGE)
@require_POST
def invitation_link(request, container, pk):
    """A fresh link to copy (the stored hash cannot give back the e-mailed one)."""
    _workspace_only(container)
    invitation = selectors.invitation_get_for(workspace=container, pk=pk)
    context = {
        "container": container,
        "invitations": selectors.invitation_list_for(workspace=container),
    }
    try:
        context["fresh_link"] = services.invitation_link_issue(
            actor=request.user, invitation=invitation
        )
        context["fresh_for"] = invitation
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect("workspaces:invitation_list", container)
    response = render(request, "workspaces/invitation_list.html", context)
    response["Cache-Control"] = "no-store"  # the page holds a working link
    return response


@container_view(Action.MANAGE)
@require_POST
def kickoff_done(request, container):
    _workspace_only(container)
    onboarding.kickoff_complete(actor=request.user, workspace=container)
    messages.success(request, f"The kick-off of {container} is complete. Welcome aboard!")
    return redirect(container)
