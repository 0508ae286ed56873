"""The access layer: the one place that decides who may see and do what.

Access is decided at the container (a Workspace or a Group) from django-guardian
object permissions held by role groups (see roles.py and actions/role_groups.py). Two
halves that must always agree:

* ``container_access(user, container)`` - the per-object check: the viewer's
  codenames from guardian's direct-FK permission tables, user and group rows in
  one SQL query, used by the ``container_view`` decorator;
* ``workspaces_visible_to`` / ``groups_visible_to`` / ``contained_visible_q`` / ``visible_in`` -
  the same rule as SQL filters, used by every list.

Nothing here is cached across requests, so a removal takes effect on the next one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeAlias, TypeGuard

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Model, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpResponse

from .container_sql import find_container
from .models import (
    Group,
    GroupGroupObjectPermission,
    GroupUserObjectPermission,
    Organisation,
    Workspace,
    WorkspaceGroupObjectPermission,
    WorkspaceUserObjectPermission,
)
from .roles import ACTIONS, Action, Role, least_role_with, role_for_actions
from .visits import note_visit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from alliance_hub.types import User

Container: TypeAlias = "Workspace | Group"
Viewer: TypeAlias = "User | AnonymousUser"
ViewFunc: TypeAlias = Callable[..., HttpResponse]

PERMISSION_MODELS = {
    Workspace: (WorkspaceUserObjectPermission, WorkspaceGroupObjectPermission),
    Group: (GroupUserObjectPermission, GroupGroupObjectPermission),
}


def is_signed_in(user: Viewer) -> TypeGuard[User]:
    """A signed-in, active person: the only kind of viewer who may see anything."""
    return user.is_authenticated and user.is_active


def _grants_sql(model: type[Container], columns: tuple[str, str], where: tuple[str, str]) -> str:
    """SQL over guardian's direct-FK permission tables of ``model`` (a container): its
    grants through a group (aliases x, m for the user's group membership, p for the
    permission) UNION its direct grants (x, p), each selecting one of ``columns`` where
    one of ``where``.

    Written as SQL because it runs in every request, and inside nearly every list
    query: built with the ORM (four joins, two OR-ed subqueries) it took longer to
    compile and to plan than to run. The hypothesis test in
    tests/workspaces/test_access.py keeps the two halves of this module in agreement.
    Table names come from model metadata; values are always bound parameters.
    """
    user_perm_model, group_perm_model = PERMISSION_MODELS[model]
    memberships = get_user_model().groups.through._meta.db_table
    permissions = Permission._meta.db_table
    return (
        f"SELECT {columns[0]} FROM {group_perm_model._meta.db_table} x"  # noqa: S608
        f" JOIN {memberships} m ON m.group_id = x.group_id"
        f" JOIN {permissions} p ON p.id = x.permission_id"
        f" WHERE {where[0]}"
        f" UNION SELECT {columns[1]} FROM {user_perm_model._meta.db_table} x"
        f" JOIN {permissions} p ON p.id = x.permission_id"
        f" WHERE {where[1]}"
    )


def _permission_rows_sql(model: type[Container], column: str, condition: str) -> str:
    """The grants one user holds on ``model`` rows, selecting ``column`` where
    ``condition``. Parameters: user id, value, user id, value."""
    where = (f"m.user_id = %s AND {condition}", f"x.user_id = %s AND {condition}")
    return _grants_sql(model, (column, column), where)


def _ids_with_perm(user: User, model: type[Container], codename: str) -> RawSQL:
    """The ids of ``model`` rows on which ``user`` holds ``codename``, as a subquery."""
    sql = _permission_rows_sql(model, "x.content_object_id", "p.codename = %s")
    return RawSQL(sql, [user.pk, codename, user.pk, codename])  # noqa: S611


def visible_ids_sql(user: Viewer, model: type[Container]) -> tuple[str, list[Any]]:
    """``(sql, params)`` selecting the ids of the ``model`` containers ``user`` may view:
    the rule of ``workspaces_visible_to`` / ``groups_visible_to`` as SQL text, for the
    few queries written in SQL because the ORM took longer to compile them than to run."""
    if not is_signed_in(user):
        return "SELECT NULL WHERE 1 = 0", []
    if user.is_superuser:
        return f"SELECT id FROM {model._meta.db_table}", []  # noqa: S608
    ids = _ids_with_perm(user, model, f"{Action.VIEW}_{model._meta.model_name}")
    return ids.sql, list(ids.params)


def contained_visible_sql(user: Viewer, alias: str) -> tuple[str, list[Any]]:
    """``(sql, params)``: ``contained_visible_q(user)`` as an SQL condition on the
    Contained rows aliased ``alias`` (a workspace's own rows, and the groups' rows), for
    the same few queries. tests/workspaces/test_contained_visible_sql.py holds the two
    together for every persona."""
    if not is_signed_in(user):
        return "1 = 0", []
    workspaces, groups = visible_ids_sql(user, Workspace), visible_ids_sql(user, Group)
    return contained_in_sql(workspaces, groups, alias)


def workspaces_with(user: Viewer, action: str = Action.VIEW) -> QuerySet[Workspace]:
    """Workspaces on which ``user`` holds ``action``, as one SQL query."""
    if not is_signed_in(user):
        return Workspace.objects.none()
    if user.is_superuser:
        return Workspace.objects.all()
    return Workspace.objects.filter(pk__in=_ids_with_perm(user, Workspace, f"{action}_workspace"))


def groups_with(user: Viewer, action: str = Action.VIEW) -> QuerySet[Group]:
    """Groups on which ``user`` holds ``action``, as one SQL query."""
    if not is_signed_in(user):
        return Group.objects.none()
    if user.is_superuser:
        return Group.objects.all()
    return Group.objects.filter(pk__in=_ids_with_perm(user, Group, f"{action}_group"))


def workspaces_visible_to(user: Viewer) -> QuerySet[Workspace]:
    return workspaces_with(user, Action.VIEW)


def groups_visible_to(user: Viewer) -> QuerySet[Group]:
    return groups_with(user, Action.VIEW)


def contained_visible_q(user: Viewer, prefix: str = "", action: str = Action.VIEW) -> Q:
    """A Q for rows of a ``Contained`` model (a workspace, and a group or none) on whose
    container ``user`` holds ``action`` (by default: may view).

    ``prefix`` reaches a Contained model through a relation, e.g. ``"document__"``.
    Notifications, the membership audit and the admin use it too.

    For a plain member the container ids are the permission subqueries themselves,
    not querysets of containers wrapping them: the same rows, and it is inside nearly
    every list query, where each nested queryset cost about 0.5 ms to compile.
    """
    if is_signed_in(user) and not user.is_superuser:
        workspace_ids = _ids_with_perm(user, Workspace, f"{action}_workspace")
        group_ids = _ids_with_perm(user, Group, f"{action}_group")
        return contained_in_q(workspace_ids, group_ids, prefix)
    return contained_in_q(workspaces_with(user, action), groups_with(user, action), prefix)


def contained_in_q(workspaces: Any, groups: Any, prefix: str = "") -> Q:
    """Rows in the given containers: a workspace's own rows (no group) and the groups'
    rows. ``workspaces`` and ``groups`` are ids (or querysets, or subqueries) that the
    functions above returned; the one spelling of "contained in"."""
    in_workspace = Q(**{f"{prefix}group__isnull": True, f"{prefix}workspace__in": workspaces})
    return in_workspace | Q(**{f"{prefix}group__in": groups})


def contained_in_sql(
    workspaces: tuple[str, list[Any]], groups: tuple[str, list[Any]], table: str
) -> tuple[str, list[Any]]:
    """``contained_in_q`` as SQL text, ``(condition, params)`` over ``table``'s
    ``workspace_id`` and ``group_id``; ``workspaces`` and ``groups`` are ``(sql, params)``
    selecting ids (``visible_ids_sql``, or ``ids_sql`` of a list)."""
    (workspace_sql, workspace_params), (group_sql, group_params) = workspaces, groups
    sql = (
        f"(({table}.group_id IS NULL AND {table}.workspace_id IN ({workspace_sql}))"
        f" OR {table}.group_id IN ({group_sql}))"
    )
    return sql, [*workspace_params, *group_params]


def ids_sql(ids: Sequence[int]) -> tuple[str, list[int]]:
    """A list of ids for ``IN (...)`` as ``(sql, params)``; none matches nothing."""
    return (", ".join(["%s"] * len(ids)), list(ids)) if ids else ("NULL", [])


def visible_in(user: Viewer, container: Container, prefix: str = "") -> Q:
    """A Q for rows of ``container`` that ``user`` may view: a group's own rows, or a
    workspace's rows together with those of its groups ``user`` may view (the stream,
    adoption counts, to-dos). ``prefix`` as in ``contained_visible_q``."""
    if container.is_group:
        mine = Q(**{f"{prefix}group": container})
    else:
        mine = Q(**{f"{prefix}workspace": container})
    return mine & contained_visible_q(user, prefix)


def _holders_sql(model: type[Container]) -> str:
    """The users who hold a codename on one ``model`` row (``_permission_rows_sql``
    turned around). Parameters: row id, codename, row id, codename."""
    condition = "x.content_object_id = %s AND p.codename = %s"
    return _grants_sql(model, ("m.user_id", "x.user_id"), (condition, condition))


def users_with(container: Container, action: str = Action.VIEW) -> QuerySet[User]:
    """Active users who hold ``action`` on ``container`` (superusers hold every action):
    the "which users may" half of ``container_access``, as one SQL query."""
    codename = f"{action}_{container._meta.model_name}"
    params = [container.pk, codename, container.pk, codename]
    holders = RawSQL(_holders_sql(type(container)), params)  # noqa: S611
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(Q(pk__in=holders) | Q(is_superuser=True))


def users_who_may_view(container: Container) -> QuerySet[User]:
    """Active users who may view ``container``: whom a notification may reach, whom a
    mention may name."""
    return users_with(container, Action.VIEW)


def people_managed_by(user: Viewer) -> QuerySet[User]:
    """People who share a workspace that ``user`` manages (the admin's people choices)."""
    managed = workspaces_with(user, Action.MANAGE)
    return get_user_model().objects.filter(memberships__workspace__in=managed).distinct()


def managed_rows(model: type[Model], user: Viewer) -> QuerySet[Any]:
    """The rows of ``model`` that ``user`` may pick or look up in the admin: containers
    they manage, people who share one of them, those workspaces' partner organisations.
    Any other model: nothing unless superuser (a new relation fails closed)."""
    if user.is_superuser and is_signed_in(user):
        return model._default_manager.all()
    scoped = {
        Workspace: lambda: workspaces_with(user, Action.MANAGE),
        Group: lambda: groups_with(user, Action.MANAGE),
        get_user_model(): lambda: people_managed_by(user),
        Organisation: lambda: partners_managed_by(user),
    }
    return scoped[model]() if model in scoped else model._default_manager.none()


def partners_managed_by(user: Viewer) -> QuerySet[Organisation]:
    """Partner organisations of the workspaces ``user`` manages."""
    managed = workspaces_with(user, Action.MANAGE)
    return Organisation.objects.filter(workspaces__in=managed).distinct()


class RoleRequired(PermissionDenied):
    """Raised when the viewer's role in a container lacks an action; carries the least
    role that has it, so the 403 page can say whom to ask for what."""

    def __init__(self, action: str, access: ContainerAccess | None = None) -> None:
        self.role = least_role_with(action)
        self.access = access
        super().__init__(f"This needs the {self.role.label.lower()} role or higher here.")


@dataclass
class ContainerAccess:
    """What the viewer may do in one container; put on the request by ``container_view``."""

    container: Container
    actions: frozenset[str] = field(default_factory=frozenset)

    @property
    def workspace(self) -> Workspace:
        return self.container.workspace

    @property
    def group(self) -> Group | None:
        return self.container.group

    @property
    def role(self) -> Role | None:
        return role_for_actions(self.actions)

    def can(self, action: str) -> bool:
        return action in self.actions

    # Template-friendly flags: {% if access.can_contribute %}
    can_view = property(lambda self: self.can(Action.VIEW))
    can_contribute = property(lambda self: self.can(Action.CONTRIBUTE))
    can_moderate = property(lambda self: self.can(Action.MODERATE))
    can_manage = property(lambda self: self.can(Action.MANAGE))
    can_lead = property(lambda self: self.can(Action.LEAD))


def _permission_codenames(user: User, container: Container) -> set[str]:
    """The codenames ``user`` holds on ``container``, directly or through a group (what
    guardian's ObjectPermissionChecker.get_perms answers, in one query, not two)."""
    sql = _permission_rows_sql(type(container), "p.codename", "x.content_object_id = %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, container.pk, user.pk, container.pk])
        return {codename for (codename,) in cursor.fetchall()}


def container_access(user: Viewer, container: Container) -> ContainerAccess:
    """The viewer's actions on ``container`` (a superuser holds all of them)."""
    if not is_signed_in(user):
        return ContainerAccess(container)
    if user.is_superuser:
        return ContainerAccess(container, frozenset(ACTIONS))
    return _access_from(user, container, _permission_codenames(user, container))


def _access_from(user: User, container: Container, codenames: set[str]) -> ContainerAccess:
    if user.is_superuser:
        return ContainerAccess(container, frozenset(ACTIONS))
    suffix = f"_{container._meta.model_name}"
    actions = frozenset(perm.removesuffix(suffix) for perm in codenames if perm.endswith(suffix))
    return ContainerAccess(container, actions)


def parse_container_path(path: str) -> tuple[str, str | None]:
    """'alliance' -> ('alliance', None); 'alliance/g/wp1' -> ('alliance', 'wp1')."""
    workspace_slug, _, group_slug = path.partition("/g/")
    return workspace_slug, group_slug or None


def container_get(user: Viewer, path: str) -> ContainerAccess:
    """Resolve a container path and the viewer's access to it, in one query
    (``container_sql.find_container``).

    Raises Http404 for a missing container and for one the user may not view
    alike, so that a private container's existence does not leak.
    """
    workspace_slug, group_slug = parse_container_path(path)
    if not is_signed_in(user):  # may view nothing
        raise Http404("No such workspace or group.")
    found = find_container(user.pk, workspace_slug, group_slug, _permission_rows_sql)
    if found is None:
        raise Http404("No such workspace or group.")
    container, codenames = found
    access = _access_from(user, container, codenames)
    if not access.can(Action.VIEW):
        raise Http404("No such workspace or group.")
    return access


def container_view(action: str = Action.VIEW) -> Callable[[ViewFunc], ViewFunc]:
    """Decorate a view taking ``container`` (a path from the URL) as its first argument.

    Resolves it, answers 404 to anyone who may not view it and 403 to a viewer
    who lacks ``action``, then calls the view with the container object and with
    ``request.access`` (a ContainerAccess) set.
    """

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: Any, container: str, *args: Any, **kwargs: Any) -> HttpResponse:
            access = container_get(request.user, container)
            if not access.can(action):
                raise RoleRequired(action, access)
            request.access = access
            note_visit(request, access.workspace)
            return view(request, access.container, *args, **kwargs)

        wrapped.required_action = action  # type: ignore[attr-defined]  # the matrix reads it
        return wrapped

    return decorator


def require_action(user: Viewer, container: Container, action: str) -> ContainerAccess:
    """For services: ``user``'s ContainerAccess on ``container``, or PermissionDenied
    unless it allows ``action`` (services check again what their views checked)."""
    access = container_access(user, container)
    if not access.can(action):
        raise RoleRequired(action, access)
    return access
