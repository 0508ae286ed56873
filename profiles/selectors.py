"""Reads for the people pages. Who may see whom is decided in policies.py, in SQL;
a person the viewer may not see answers 404 like a missing one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from alliance_hub.hooks import PROFILE_SECTION, get_hooks
from alliance_hub.pagination import cursor_for, decode_cursor
from workspaces.access import Container, Viewer
from workspaces.models import Membership, Organisation, Workspace
from workspaces.selectors import members_of, members_sql

from . import directory_sql, person_sql
from .completeness import Completeness, completeness
from .models import Profile, ProfileTask, Tag, User

DIRECTORY_SEARCH_LIMIT = 20


def person_get_for(*, viewer: Viewer, pk: int, with_tags: bool = True) -> User:
    """The person ``pk`` with their profile (and tags) loaded; Http404 if missing or not
    visible to ``viewer``. Any signed-in user may call it. Read in SQL text
    (profiles/person_sql.py)."""
    person = person_sql.person_visible(viewer=viewer, pk=pk)
    if person is None:
        raise Http404("No such person.")
    profile = profile_of(person)
    if with_tags and profile is not None:
        # One plain query: prefetch_related cost more to set up than the tags to read.
        profile.use_tags(person_sql.tags_by_profile([person.pk]).get(person.pk, []))
    return person


def profile_of(person: User) -> Profile | None:
    """The person's loaded profile, or None (without a query) if they have none yet."""
    try:
        return person.profile
    except Profile.DoesNotExist:
        return None


def shared_memberships_for(*, viewer: User, person: User) -> list[Membership]:
    """The person's memberships in workspaces the viewer is in too (all of them for the
    person themselves and superusers), each with ``.tasks`` (their text there). Two queries."""
    return person_sql.shared_memberships(viewer=viewer, person=person)


def profile_sections_for(*, viewer: User, person: User) -> list[Any]:
    """Sections other apps contribute (recent posts, documents...), in registration order."""
    sections = []
    for provider in get_hooks(PROFILE_SECTION):
        section = provider(viewer, person)
        if section:
            sections.append(section)
    return sections


# The directory --------------------------------------------------------------------------


@dataclass
class DirectoryRow:
    membership: Membership
    profile: Profile | None
    tasks: str
    completeness: Completeness | None = None

    @property
    def person(self) -> User:
        return self.membership.user


def _tag_exists(*, kind: str, **lookup: Any) -> Exists:
    return Exists(
        Profile.tags.through.objects.filter(
            profile_id=OuterRef("user_id"), tag__kind=kind, **lookup
        )
    )


def _matching(
    memberships: QuerySet[Membership],
    *,
    q: str,
    organisation: int | None,
    role: str,
    skill: str,
    interest: str,
) -> QuerySet[Membership]:
    if organisation:
        memberships = memberships.filter(organisation_id=organisation)
    if role:
        memberships = memberships.filter(role=role)
    if skill:
        memberships = memberships.filter(_tag_exists(kind=Tag.Kind.SKILL, tag__slug=skill))
    if interest:
        memberships = memberships.filter(_tag_exists(kind=Tag.Kind.INTEREST, tag__slug=interest))
    if q:
        any_tag = Exists(
            Profile.tags.through.objects.filter(
                profile_id=OuterRef("user_id"), tag__name__icontains=q
            )
        )
        memberships = memberships.filter(
            Q(user__display_name__icontains=q) | Q(user__profile__job_title__icontains=q) | any_tag
        )
    return memberships


DIRECTORY_ORDER = ["user__display_name", "user_id"]


def directory_members(*, container: Container, **filters: Any) -> list[DirectoryRow]:
    """The container's members (a private group's own, else the workspace's) that match
    the filters, as DirectoryRows with profile, tags and this workspace's tasks loaded.
    The caller has checked that the viewer may view ``container``. Three queries,
    whatever the number of members.
    """
    return _rows(_members(container=container, **filters), workspace=container.workspace)


def _members(
    *,
    container: Container,
    q: str = "",
    organisation: int | None = None,
    role: str = "",
    skill: str = "",
    interest: str = "",
) -> QuerySet[Membership]:
    memberships = _matching(
        members_of(container=container),
        q=" ".join(q.split()),
        organisation=organisation,
        role=role,
        skill=skill,
        interest=interest,
    )
    return (
        memberships.select_related("user__profile", "organisation")
        .only(*DIRECTORY_COLUMNS)
        .order_by(*DIRECTORY_ORDER)
    )


# What a directory row shows (and a manager's completeness score reads): loading the
# rest (about_html, the user's password hash...) cost more than it showed.
DIRECTORY_COLUMNS = (
    "user_id",
    "organisation_id",
    "role",
    "user__display_name",
    "user__email",
    "organisation__name",
    *(
        f"user__profile__{name}"
        for name in (
            "job_title",
            "about",
            "languages",
            "location",
            "time_zone",
            "phone",
            "links",
            "photo_files",
            "photo_version",
            "photo_pending",
        )
    ),
)


def _rows(memberships: Iterable[Membership], *, workspace: Workspace) -> list[DirectoryRow]:
    """A row per membership, with the profile's tags and the person's task text in
    ``workspace``: one query each, read by hand rather than with prefetch_related,
    which built a related manager per profile (13 of a page's 22 ms)."""
    memberships = list(memberships)
    user_ids = [m.user_id for m in memberships]
    tags = person_sql.tags_by_profile(user_ids)
    tasks = dict(
        ProfileTask.objects.filter(workspace=workspace, user_id__in=user_ids).values_list(
            "user_id", "text"
        )
    )
    rows = []
    for m in memberships:
        profile = profile_of(m.user)
        if profile is not None:
            profile.use_tags(tags.get(m.user_id, []))
        rows.append(DirectoryRow(membership=m, profile=profile, tasks=tasks.get(m.user_id, "")))
    return rows


def directory_page(
    *, container: Container, size: int, cursor: str = "", **filters: Any
) -> tuple[list[DirectoryRow], str]:
    """One page of ``directory_members`` after ``cursor`` (a keyset cursor of
    alliance_hub.pagination, read in order off the users' name index, so a page costs
    the same at any depth and any alliance size). Returns ``(rows, next cursor or
    "")``; raises InvalidCursor. Two queries, written in SQL (profiles/directory_sql.py)."""
    key = decode_cursor(Membership, DIRECTORY_ORDER, cursor) if cursor else None
    found, more = directory_sql.directory_rows(container=container, size=size, key=key, **filters)
    tags = person_sql.tags_by_profile([membership.user_id for membership, _ in found])
    rows = []
    for membership, tasks in found:
        profile = profile_of(membership.user)
        if profile is not None:
            profile.use_tags(tags.get(membership.user_id, []))
        rows.append(DirectoryRow(membership=membership, profile=profile, tasks=tasks))
    next_cursor = ""
    if more:
        last = rows[-1].person
        next_cursor = cursor_for(DIRECTORY_ORDER, [last.display_name, last.pk])
    return rows, next_cursor


def add_completeness(
    rows: Sequence[DirectoryRow], *, workspace: Workspace
) -> Sequence[DirectoryRow]:
    """Score each row for this workspace (for its managers); no query."""
    for row in rows:
        row.completeness = completeness(
            row.profile,
            workspace_ids=[workspace.pk],
            tasks_by_workspace={workspace.pk: row.tasks},
        )
    return rows


@dataclass(frozen=True)
class FilterOption:
    pk: int
    name: str
    slug: str = ""


def directory_filter_options(*, container: Container) -> dict[str, list[FilterOption]]:
    """Organisations and tags present among the container's members, by name. One query,
    written in SQL: built with the ORM its two queries cost 2 ms of CPU to compile."""
    members, params = members_sql(container)
    tag_links = Profile.tags.through._meta.db_table
    sql = (
        f"WITH members AS ({members}) "  # noqa: S608 - table names and our own SQL only
        f"SELECT 'organisation', o.id, o.name, '' FROM {Organisation._meta.db_table} o "
        "WHERE o.id IN (SELECT organisation_id FROM members) "
        f"UNION ALL SELECT t.kind, t.id, t.name, t.slug FROM {Tag._meta.db_table} t "
        f"WHERE t.id IN (SELECT l.tag_id FROM {tag_links} l "
        "WHERE l.profile_id IN (SELECT user_id FROM members)) "
        "ORDER BY 3, 2"
    )
    options: dict[str, list[FilterOption]] = {
        "organisation": [],
        Tag.Kind.SKILL: [],
        Tag.Kind.INTEREST: [],
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, pk, name, slug in cursor.fetchall():
            options[kind].append(FilterOption(pk, name, slug))
    return {
        "organisations": options["organisation"],
        "skills": options[Tag.Kind.SKILL],
        "interests": options[Tag.Kind.INTEREST],
    }
