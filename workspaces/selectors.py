"""Reads for the workspace views. Lists are filtered in SQL to what the viewer may see."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, QuerySet
from django.http import Http404

from .access import (
    Container,
    Viewer,
    groups_visible_to,
    visible_ids_sql,
    visible_in,
    workspaces_visible_to,
)
from .models import (
    Group,
    GroupMembership,
    Invitation,
    Membership,
    MembershipEvent,
    Organisation,
    Pin,
    Workspace,
)
from .two_factor import has_two_factor_expression


def workspace_list_for(*, user: Viewer) -> QuerySet[Workspace]:
    """The viewer's own workspaces (a superuser sees all)."""
    return workspaces_visible_to(user).order_by("name")


def group_list_for(*, user: Viewer, workspace: Workspace) -> QuerySet[Group]:
    return (
        groups_visible_to(user)
        .filter(workspace=workspace)
        .select_related("workspace")
        .order_by("name")
    )


class GroupLink(NamedTuple):
    """What the dashboard's group list shows of a group (workspaces/dashboard_rows.py)."""

    name: str
    slug: str
    is_private: bool


def group_links_for(*, user: Viewer, workspace: Workspace) -> list[GroupLink]:
    """``group_list_for``'s groups as ``GroupLink``s, by name: the dashboard's list, in
    one query written in SQL (the ORM took 0.4 ms of CPU to build it;
    tests/workspaces/test_dashboard_rows.py holds it to ``group_list_for``)."""
    visible, params = visible_ids_sql(user, Group)
    sql = (
        f"SELECT g.name, g.slug, g.is_private FROM {Group._meta.db_table} g"  # noqa: S608
        f" WHERE g.workspace_id = %s AND g.id IN ({visible}) ORDER BY g.name, g.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [workspace.pk, *params])
        return [GroupLink(name, slug, bool(private)) for name, slug, private in cursor.fetchall()]


def members_of(*, container: Container) -> QuerySet[Membership]:
    """The memberships of a workspace's members, or of a private group's; nothing
    joined, no order. The caller checked ``view``."""
    memberships = Membership.objects.filter(workspace=container.workspace)
    if isinstance(container, Group) and container.is_private:
        memberships = memberships.filter(user__group_memberships__group=container)
    return memberships


def member_list_for(*, container: Container) -> QuerySet[Membership]:
    """``members_of`` with people, organisations and two-factor state, by organisation."""
    return (
        members_of(container=container)
        .select_related("user__profile", "organisation")
        .annotate(has_two_factor=has_two_factor_expression("user"))
        .order_by("organisation__name", "user__display_name", "pk")
    )


def members_sql(container: Container) -> tuple[str, list[int]]:
    """``(sql, params)`` selecting ``user_id, organisation_id`` of the container's members:
    the rule of ``member_list_for`` as SQL text, for queries the ORM took longer to
    compile than to run (tests/workspaces/test_members_sql.py holds the two together)."""
    where, params = members_where_sql(container, "m")
    table = Membership._meta.db_table
    return f"SELECT m.user_id, m.organisation_id FROM {table} m WHERE {where}", params  # noqa: S608


def members_where_sql(container: Container, alias: str) -> tuple[str, list[int]]:
    """``(sql, params)``: the condition ``members_sql`` selects by, on the memberships
    aliased ``alias`` (for a query that reads them with more joins: PostgreSQL plans a
    condition faster than a subquery of the same table)."""
    sql = f"{alias}.workspace_id = %s"
    params = [container.workspace.pk]
    if isinstance(container, Group) and container.is_private:
        in_group = GroupMembership._meta.db_table
        sql += f" AND {alias}.user_id IN (SELECT g.user_id FROM {in_group} g WHERE g.group_id = %s)"  # noqa: S608
        params.append(container.pk)
    return sql, params


def organisation_counts(*, container: Container) -> list[tuple[str, int]]:
    """``[(organisation name, member count)]`` of ``member_list_for``'s members, for the
    dashboard: one aggregate query, a few rows however many members (listing every
    member made the page grow with them). Built from the bare memberships, not from
    the member list's joins and annotation, which the ORM compiled only to drop."""
    return list(
        members_of(container=container)
        .values_list("organisation__name")
        .annotate(members=Count("pk"))
        .order_by("organisation__name")
    )


def members_by_organisation(
    memberships: Iterable[Membership],
) -> list[tuple[Organisation, list[Membership]]]:
    return [(org, list(rows)) for org, rows in groupby(memberships, key=lambda m: m.organisation)]


def membership_get_for(*, workspace: Workspace, pk: int) -> Membership:
    membership = (
        Membership.objects.select_related("user", "workspace", "organisation")
        .filter(workspace=workspace, pk=pk)
        .first()
    )
    if membership is None:
        raise Http404("No such member.")
    return membership


def invitation_list_for(*, workspace: Workspace) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(workspace=workspace)
        .select_related("organisation", "invited_by")
        .prefetch_related("groups")
    )


def invitation_get_for(*, workspace: Workspace, pk: int) -> Invitation:
    invitation = (
        Invitation.objects.select_related("workspace").filter(workspace=workspace, pk=pk).first()
    )
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


def membership_events_for(*, user: Viewer, workspace: Workspace) -> QuerySet[MembershipEvent]:
    """The workspace's membership audit, without events about groups ``user`` may not see."""
    return MembershipEvent.objects.filter(visible_in(user, workspace)).select_related(
        "actor", "subject"
    )


def organisation_ids_of(
    pairs: Iterable[tuple[int | None, int | None]],
) -> dict[tuple[int, int], int]:
    """``{(workspace_id, user_id): organisation_id}`` for the given pairs, in one query:
    whom a person represents in a workspace (e.g. to filter by organisation)."""
    wanted = {(w, u) for w, u in pairs if w and u}
    if not wanted:
        return {}
    rows = Membership.objects.filter(
        workspace_id__in={w for w, _ in wanted}, user_id__in={u for _, u in wanted}
    ).values_list("workspace_id", "user_id", "organisation_id")
    return {(w, u): o for w, u, o in rows if (w, u) in wanted}


def partner_get_for(*, workspace: Workspace, pk: int) -> Organisation:
    """One of ``workspace``'s partner organisations; Http404 for any other id."""
    organisation = workspace.partners.filter(pk=pk).first()
    if organisation is None:
        raise Http404("No such partner organisation.")
    return organisation


def pins_for(*, workspace: Workspace) -> QuerySet[Pin]:
    """The items pinned to ``workspace``'s start page, in their order."""
    return Pin.objects.filter(workspace=workspace)


def pin_get_for(*, workspace: Workspace, pk: int) -> Pin:
    """One pin of ``workspace``; Http404 for a pin of another workspace or none."""
    pin = pins_for(workspace=workspace).filter(pk=pk).first()
    if pin is None:
        raise Http404("No such pin.")
    return pin
