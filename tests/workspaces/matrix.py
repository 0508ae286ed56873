from django.urls import reverse

from tests.matrix import OK, Route
from workspaces.models import Invitation
from workspaces.roles import Action, Role
from workspaces.services import invitations_send

EVERYONE_SIGNED_IN = {
    p: OK
    for p in [
        "outsider",
        "removed",
        "observer",
        "member",
        "non_group_member",
        "community_manager",
        "lead",
    ]
}
WORKSPACE_ONLY = ("workspace",)


def _url(name):
    return lambda w, c: reverse(name, args=[c])


def _membership_url(name):
    return lambda w, c: reverse(name, args=[c, w.workspace.memberships.get(user=w.member).pk])


def _invitation_url(name):
    def build(w, c):
        invitations_send(
            actor=w.lead,
            workspace=w.workspace,
            emails=["new@example.org"],
            role=Role.MEMBER,
            organisation=w.workspace.partners.first(),
        )
        return reverse(name, args=[c, Invitation.objects.get(email="new@example.org").pk])

    return build


def _organisation_url(w, c):
    organisation = w.workspace.memberships.get(user=w.member).organisation
    return reverse("workspaces:organisation_remove", args=[c, organisation.pk])


ROUTES = [
    Route(
        "workspaces:home",
        lambda w, c: reverse("workspaces:home"),
        action=None,
        containers=WORKSPACE_ONLY,
    ),
    Route(
        "workspaces:workspace_create",
        lambda w, c: reverse("workspaces:workspace_create"),
        action=None,
        containers=WORKSPACE_ONLY,
        # ALLIANCE_CREATION defaults to "superusers": nobody else may create workspaces
        expect={p: 403 for p in EVERYONE_SIGNED_IN},
    ),
    Route(
        "workspaces:invitation_accept",
        lambda w, c: reverse("workspaces:invitation_accept", args=["not-a-token"]),
        public=True,
        containers=WORKSPACE_ONLY,
    ),
    Route(
        "workspaces:dashboard",
        _url("workspaces:dashboard"),
        containers=("workspace", "open_group", "private_group"),
    ),
    Route("workspaces:member_list", _url("workspaces:member_list")),
    Route(
        "workspaces:member_invite",
        _url("workspaces:member_invite"),
        Action.MANAGE,
        containers=WORKSPACE_ONLY,
    ),
    Route(
        "workspaces:member_invite",
        _url("workspaces:member_invite"),
        Action.MANAGE,
        method="POST",
        data={"emails": "not an address"},
        containers=WORKSPACE_ONLY,
    ),
    Route(
        "workspaces:membership_audit",
        _url("workspaces:membership_audit"),
        Action.MANAGE,
        containers=WORKSPACE_ONLY,
    ),
    Route(
        "workspaces:member_change_role",
        _membership_url("workspaces:member_change_role"),
        Action.MANAGE,
        method="POST",
        data={"role": Role.OBSERVER},
        containers=WORKSPACE_ONLY,
    ),
    Route(
        "workspaces:member_remove",
        _membership_url("workspaces:member_remove"),
        Action.MANAGE,
        method="POST",
        containers=WORKSPACE_ONLY,
    ),
    Route(
        "workspaces:group_member_add",
        _url("workspaces:group_member_add"),
        Action.MANAGE,
        method="POST",
        containers=("private_group",),
    ),
    Route(
        "workspaces:group_member_remove",
        _membership_url("workspaces:group_member_remove"),
        Action.MANAGE,
        method="POST",
        containers=("private_group",),
    ),
    Route(
        "workspaces:organisation_remove",
        _organisation_url,
        Action.MANAGE,
        method="POST",
        containers=WORKSPACE_ONLY,
    ),
    Route(
        "workspaces:invitation_list",
        _url("workspaces:invitation_list"),
        Action.MANAGE,
        containers=WORKSPACE_ONLY,
    ),
    Route(
        "workspaces:invitation_revoke",
        _invitation_url("workspaces:invitation_revoke"),
        Action.MANAGE,
        method="POST",
        containers=WORKSPACE_ONLY,
    ),
    Route(
        "workspaces:invitation_resend",
        _invitation_url("workspaces:invitation_resend"),
        Action.MANAGE,
        method="POST",
        containers=WORKSPACE_ONLY,
    ),
    Route(
        "workspaces:invitation_link",
        _invitation_url("workspaces:invitation_link"),
        Action.MANAGE,
        method="POST",
        containers=WORKSPACE_ONLY,
    ),
    Route(
        "workspaces:invitation_bulk",
        _url("workspaces:invitation_bulk"),
        Action.MANAGE,
        containers=WORKSPACE_ONLY,
    ),
    Route(
        "workspaces:invitation_bulk",
        _url("workspaces:invitation_bulk"),
        Action.MANAGE,
        method="POST",
        data={"lines": "Ann <ann@example.org>, Nowhere Ltd", "role": "member", "preview": "1"},
        containers=WORKSPACE_ONLY,
    ),
    Route(
        "workspaces:group_create",
        _url("workspaces:group_create"),
        Action.MANAGE,
        containers=WORKSPACE_ONLY,
    ),
    # Project-level routes
    Route("healthz", lambda w, c: reverse("healthz"), public=True, containers=WORKSPACE_ONLY),
]


def _pin_url(w, c):
    from django.contrib.contenttypes.models import ContentType

    from workspaces.models import Pin

    pin = Pin.objects.create(
        workspace=w.workspace,
        label="Read me",
        url="/",
        target_type=ContentType.objects.get_for_model(w.workspace),
        target_id=w.workspace.pk,
    )
    return reverse("workspaces:pin_remove", args=[c, pin.pk])


ROUTES += [
    Route(
        "workspaces:kickoff", _url("workspaces:kickoff"), Action.MANAGE, containers=WORKSPACE_ONLY
    ),
    Route(
        "workspaces:kickoff_done",
        _url("workspaces:kickoff_done"),
        Action.MANAGE,
        method="POST",
        containers=WORKSPACE_ONLY,
    ),
    Route(
        "workspaces:kickoff",
        _url("workspaces:kickoff"),
        Action.MANAGE,
        method="POST",
        data={"step": "description", "description": ""},
        containers=WORKSPACE_ONLY,
    ),
    Route("workspaces:start_here", _url("workspaces:start_here"), containers=WORKSPACE_ONLY),
    Route(
        "workspaces:pin_add",
        _url("workspaces:pin_add"),
        Action.LEAD,
        method="POST",
        data={"target": "bad"},
        containers=WORKSPACE_ONLY,
    ),
    Route("workspaces:pin_remove", _pin_url, Action.LEAD, method="POST", containers=WORKSPACE_ONLY),
    Route(
        "workspaces:adoption", _url("workspaces:adoption"), Action.MANAGE, containers=WORKSPACE_ONLY
    ),
    Route(
        "workspaces:adoption_csv",
        _url("workspaces:adoption_csv"),
        Action.MANAGE,
        containers=WORKSPACE_ONLY,
    ),
    Route("workspaces:export", _url("workspaces:export"), Action.MANAGE),
    Route("workspaces:export", _url("workspaces:export"), Action.MANAGE, "POST"),
]
