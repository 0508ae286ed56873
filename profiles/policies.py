"""Who may see and change a person. Selectors, services and views ask here.

A person is visible to themselves, to everyone who shares at least one workspace with
them (a current Membership on both sides) and to superusers; everyone else gets 404,
the same answer as for an id that does not exist. A profile is changed by the person
themselves or a superuser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from workspaces.access import is_signed_in
from workspaces.models import Membership

if TYPE_CHECKING:
    from workspaces.access import Viewer

    from .models import User


def workspace_ids_of(user: User) -> QuerySet[Membership, Any]:
    """The ids of ``user``'s workspaces, as a subquery."""
    return Membership.objects.filter(user=user).values("workspace_id")


def people_visible_to(viewer: Viewer) -> QuerySet[User]:
    """Users ``viewer`` may see the profile of, as one SQL query."""
    users = get_user_model().objects.all()
    if not is_signed_in(viewer):
        return users.none()
    if viewer.is_superuser:
        return users
    shares_a_workspace = Exists(
        Membership.objects.filter(user=OuterRef("pk"), workspace_id__in=workspace_ids_of(viewer))
    )
    return users.filter(Q(pk=viewer.pk) | shares_a_workspace)


def people_visible_sql(viewer: Viewer, alias: str) -> tuple[str, list[Any]]:
    """``(sql, params)``: ``people_visible_to(viewer)`` as an SQL condition on the users
    aliased ``alias``, for the profile page's reads written in SQL
    (tests/profiles/test_person_sql.py holds the two together for every viewer)."""
    if not is_signed_in(viewer):
        return "1 = 0", []
    if viewer.is_superuser:
        return "1 = 1", []
    memberships = Membership._meta.db_table
    return (
        f"({alias}.id = %s OR EXISTS (SELECT 1 FROM {memberships} pm "  # noqa: S608 - names only
        f"WHERE pm.user_id = {alias}.id AND pm.workspace_id IN "
        f"(SELECT vm.workspace_id FROM {memberships} vm WHERE vm.user_id = %s)))"
    ), [viewer.pk, viewer.pk]


def sees_every_membership(viewer: Viewer, person: User) -> bool:
    """Whether ``viewer`` sees all of ``person``'s memberships, not only shared ones."""
    return viewer.is_superuser or viewer.pk == person.pk


def may_edit_profile(*, actor: Viewer, user: User) -> bool:
    return is_signed_in(actor) and (actor.is_superuser or actor.pk == user.pk)
