from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_hub import ratelimits
from alliance_hub.hooks import DASHBOARD_ACTION, get_hooks
from alliance_hub.params import query_id

from . import founding, policies, selectors, services
from .access import container_view
from .forms import (
    AcceptInvitationForm,
    GroupCreateForm,
    GroupMemberAddForm,
    InviteForm,
    RoleForm,
)
from .roles import Action
from .stream_sql import stream_page_for

STREAM_PAGE_SIZE = 20


def _workspace_only(container):
    """Views about workspace membership have no group counterpart."""
    if container.is_group:
        raise Http404("This page exists only for a workspace.")


def _form_errors_to_messages(request, error):
    for message in error.messages:
        messages.error(request, message)


@require_GET
def home(request):
    workspaces = selectors.workspace_list_for(user=request.user)
    return render(
        request,
        "workspaces/workspace_list.html",
        {
            "workspaces": workspaces,
            "may_create": founding.user_may_create_workspace(request.user),
        },
    )


def _stream_page(request, container):
    before = query_id(request, "before")
    return stream_page_for(
        user=request.user, container=container, before=before, size=STREAM_PAGE_SIZE
    )


@container_view(Action.VIEW)
@require_GET
def dashboard(request, container):
    if not container.is_group and request.session.get(f"welcome:{container.pk}"):
        return redirect("workspaces:start_here", container)
    activities, has_more = _stream_page(request, container)
    context = {"container": container, "activities": activities, "has_more": has_more}
    if request.headers.get("HX-Request"):
        return render(request, "workspaces/dashboard.html#stream", context)
    context.update(
        groups=selectors.group_links_for(user=request.user, workspace=container.workspace)
        if not container.is_group
        else (),
        organisations=selectors.organisation_counts(container=container),
        dashboard_actions=[
            action
            for actions in get_hooks(DASHBOARD_ACTION)
            for action in actions(container, request.access)
        ],
    )
    return render(request, "workspaces/dashboard.html", context)


@container_view(Action.VIEW)
@require_GET
def member_list(request, container):
    memberships = policies.mark_member_actions(
        list(selectors.member_list_for(container=container)),
        access=request.access,
        viewer=request.user,
    )
    context = {
        "container": container,
        "organisations": selectors.members_by_organisation(memberships),
        "role_form": RoleForm(),
    }
    if container.is_group and container.is_private and request.access.can_manage:
        context["add_form"] = GroupMemberAddForm(workspace=container.workspace)
    return render(request, "workspaces/member_list.html", context)


@container_view(Action.LEAD)
@require_POST
def two_factor_policy(request, container):
    _workspace_only(container)
    required = request.POST.get("require_two_factor") == "on"
    services.workspace_two_factor_set(actor=request.user, workspace=container, required=required)
    messages.success(
        request,
        f"Members of {container} must now use two-factor."
        if required
        else f"Two-factor is now optional in {container}.",
    )
    return redirect("workspaces:member_list", container)


@container_view(Action.MANAGE)
@require_http_methods(["GET", "POST"])
def member_invite(request, container):
    _workspace_only(container)
    form = InviteForm(
        request.POST or None,
        workspace=container,
        user=request.user,
        may_invite_leads=request.access.can_lead,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            results = services.invitations_send(
                actor=request.user,
                workspace=container,
                emails=data["emails"],
                role=data["role"],
                organisation=data["organisation"],
                groups=list(data["groups"]),
                new_partner=data["new_partner"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, str(error) if isinstance(error, PermissionDenied) else error)
        else:
            for email, outcome in results:
                level = messages.WARNING if outcome == "already a member" else messages.SUCCESS
                text = {
                    "invited": f"Invitation sent to {email}.",
                    "re-sent": f"{email} was already invited: a fresh link was sent.",
                    "already a member": f"{email} is already a member; nothing was sent.",
                }
                messages.add_message(request, level, text[outcome])
            return redirect("workspaces:invitation_list", container)
    return render(
        request,
        "workspaces/member_invite.html",
        {"container": container, "form": form},
        status=400 if form.errors else 200,
    )


@container_view(Action.MANAGE)
@require_GET
def invitation_list(request, container):
    _workspace_only(container)
    return render(
        request,
        "workspaces/invitation_list.html",
        {
            "container": container,
            "invitations": selectors.invitation_list_for(workspace=container),
        },
    )


def _invitation_action(request, container, pk, service, done):
    _workspace_only(container)
    invitation = selectors.invitation_get_for(workspace=container, pk=pk)
    try:
        service(actor=request.user, invitation=invitation)
    except ValidationError as error:
        _form_errors_to_messages(request, error)
        return redirect("workspaces:invitation_list", container)
    messages.success(request, done.format(email=invitation.email))
    return redirect("workspaces:invitation_list", container)


@container_view(Action.MANAGE)
@require_POST
def invitation_revoke(request, container, pk):
    return _invitation_action(
        request, container, pk, services.invitation_revoke, "The invitation of {email} was revoked."
    )


@container_view(Action.MANAGE)
@require_POST
def invitation_resend(request, container, pk):
    return _invitation_action(
        request,
        container,
        pk,
        services.invitation_resend,
        "A fresh invitation link was sent to {email}.",
    )


@container_view(Action.MANAGE)
@require_POST
def member_change_role(request, container, pk):
    _workspace_only(container)
    membership = selectors.membership_get_for(workspace=container, pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Choose one of the listed roles.")
    try:
        services.member_change_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
    except ValidationError as error:
        _form_errors_to_messages(request, error)
    else:
        messages.success(request, f"{membership.user} is now {membership.get_role_display()}.")
    return redirect("workspaces:member_list", container)


@container_view(Action.MANAGE)
@require_POST
def member_remove(request, container, pk):
    _workspace_only(container)
    membership = selectors.membership_get_for(workspace=container, pk=pk)
    try:
        services.member_remove(actor=request.user, membership=membership)
    except ValidationError as error:
        _form_errors_to_messages(request, error)
    else:
        messages.success(request, f"{membership.user} was removed from {container}.")
    return redirect("workspaces:member_list", container)


@container_view(Action.MANAGE)
@require_GET
def membership_audit(request, container):
    _workspace_only(container)
    events = selectors.membership_events_for(user=request.user, workspace=container)[:500]
    return render(
        request, "workspaces/membership_audit.html", {"container": container, "events": events}
    )


@container_view(Action.MANAGE)
@require_http_methods(["GET", "POST"])
def group_create(request, container):
    _workspace_only(container)
    form = GroupCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(
                actor=request.user, workspace=container, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The group {group} was created.")
            return redirect(group)
    return render(
        request,
        "workspaces/group_form.html",
        {"container": container, "form": form},
        status=400 if form.errors else 200,
    )


@container_view(Action.MANAGE)
@require_POST
def group_member_add(request, container):
    if not container.is_group or not container.is_private:
        raise Http404("Only private groups have their own members.")
    form = GroupMemberAddForm(request.POST, workspace=container.workspace)
    if not form.is_valid():
        return HttpResponseBadRequest("Choose a member of the workspace.")
    services.group_member_add(actor=request.user, group=container, user=form.cleaned_data["user"])
    messages.success(request, f"{form.cleaned_data['user']} was added to {container}.")
    return redirect("workspaces:member_list", container)


@container_view(Action.MANAGE)
@require_POST
def group_member_remove(request, container, pk):
    if not container.is_group or not container.is_private:
        raise Http404("Only private groups have their own members.")
    membership = selectors.membership_get_for(workspace=container.workspace, pk=pk)
    services.group_member_remove(actor=request.user, group=container, user=membership.user)
    messages.success(request, f"{membership.user} was removed from {container}.")
    return redirect("workspaces:member_list", container)


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    if not ratelimits.invitation_token_allowed(request):
        return ratelimits.too_many_requests(request)
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationInvalid as error:
        ratelimits.invitation_token_failed(request)
        return render(
            request, "workspaces/invitation_invalid.html", {"reason": str(error)}, status=410
        )
    user = request.user if request.user.is_authenticated else None
    if user and user.email != invitation.email:
        return render(
            request,
            "workspaces/invitation_invalid.html",
            {
                "reason": f"This invitation is for {invitation.email}, but you are signed in as "
                f"{user.email}. Sign out and open the link again.",
            },
            status=403,
        )
    existing_account = user is None and services.account_exists(invitation.email)
    form = (
        None
        if user or existing_account
        else AcceptInvitationForm(
            request.POST or None, email=invitation.email, initial={"display_name": invitation.name}
        )
    )
    if request.method == "POST" and (form is None or form.is_valid()) and not existing_account:
        try:
            membership = services.invitation_accept(
                token=token,
                user=user,
                display_name=form.cleaned_data["display_name"] if form else "",
                password=form.cleaned_data["password1"] if form else "",
            )
        except services.InvitationInvalid as error:
            return render(
                request, "workspaces/invitation_invalid.html", {"reason": str(error)}, status=410
            )
        if user is None:
            login(request, membership.user, backend=settings.AUTHENTICATION_BACKENDS[0])
        messages.success(request, f"Welcome to {membership.workspace}!")
        return redirect(membership.workspace)
    return render(
        request,
        "workspaces/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "existing_account": existing_account,
        },
        status=400 if form is not None and form.errors else 200,
    )


@container_view(Action.MANAGE)
@require_POST
def organisation_remove(request, container, organisation_id):
    _workspace_only(container)
    organisation = selectors.partner_get_for(workspace=container, pk=organisation_id)
    try:
        removed = services.organisation_remove(
            actor=request.user, workspace=container, organisation=organisation
        )
    except ValidationError as error:
        _form_errors_to_messages(request, error)
    else:
        messages.success(request, f"{organisation} and its {removed} members were removed.")
    return redirect("workspaces:member_list", container)
