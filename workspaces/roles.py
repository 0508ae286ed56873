"""Roles and the permissions each one holds on a container, defined once.

A container is a Workspace or a Group. Each permission codename is
``<action>_<model>``, e.g. ``contribute_workspace`` or ``moderate_group``.
"""

from django.db import models


class Role(models.TextChoices):
    LEAD = "lead", "Lead"
    COMMUNITY_MANAGER = "community_manager", "Community manager"
    MEMBER = "member", "Member"
    OBSERVER = "observer", "Observer"


class Action:
    VIEW = "view"  # see the container and everything in it
    CONTRIBUTE = "contribute"  # create and edit content
    MODERATE = "moderate"  # hide posts, release locks, restore from trash
    MANAGE = "manage"  # invite, remove, change roles, manage groups
    LEAD = "lead"  # protect pages, pin, export, assign the lead role


ACTIONS = (Action.VIEW, Action.CONTRIBUTE, Action.MODERATE, Action.MANAGE, Action.LEAD)

# Permissions beyond Django's default view_<model> that each container model declares.
CUSTOM_PERMISSIONS = {
    Action.CONTRIBUTE: "Create and edit content",
    Action.MODERATE: "Moderate content",
    Action.MANAGE: "Manage membership",
    Action.LEAD: "Lead",
}

ROLE_ACTIONS = {
    Role.OBSERVER: {Action.VIEW},
    Role.MEMBER: {Action.VIEW, Action.CONTRIBUTE},
    Role.COMMUNITY_MANAGER: {Action.VIEW, Action.CONTRIBUTE, Action.MODERATE, Action.MANAGE},
    Role.LEAD: set(ACTIONS),
}

# Roles that may use the Django admin for the workspaces they manage.
STAFF_ROLES = {Role.LEAD, Role.COMMUNITY_MANAGER}


def codename(action, model):
    """The permission codename for ``action`` on a container model (class or instance)."""
    return f"{action}_{model._meta.model_name}"


def role_for_actions(actions):
    """The strongest role whose actions are all in ``actions`` (None for no access)."""
    for role in (Role.LEAD, Role.COMMUNITY_MANAGER, Role.MEMBER, Role.OBSERVER):
        if ROLE_ACTIONS[role] <= set(actions):
            return role
    return None


def least_role_with(action):
    """The weakest role that may take ``action`` (what a 403 page tells people to ask for)."""
    for role in (Role.OBSERVER, Role.MEMBER, Role.COMMUNITY_MANAGER, Role.LEAD):
        if action in ROLE_ACTIONS[role]:
            return role
    return None


def container_meta_permissions(model_name):
    return [(f"{action}_{model_name}", label) for action, label in CUSTOM_PERMISSIONS.items()]
