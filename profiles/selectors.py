"""Reads for the people pages. Who may see whom is decided here, in SQL.

The rule: a person is visible to themselves, to everyone who shares at least
one workspace with them (a current Membership on both sides) and to superusers.
Everyone else gets 404, the same answer as for an id that does not exist.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404

from alliance_hub.hooks import PROFILE_SECTIONS
from alliance_hub.pagination import after, cursor_for, decode_cursor, page_of
from workspaces.models import Membership, Organisation
from workspaces.selectors import member_list_for

from .completeness import completeness
from .models import Profile, ProfileTask, Tag

DIRECTORY_SEARCH_LIMIT = 20


def _workspace_ids_of(user):
    return Membership.objects.filter(user=user).values("workspace_id")


def people_visible_to(viewer):
    """Users ``viewer`` may see the profile of, as one SQL query (see the module docstring)."""
    users = get_user_model().objects.all()
    if not (viewer.is_authenticated and viewer.is_active):
        return users.none()
    if viewer.is_superuser:
        return users
    shares_a_workspace = Exists(
        Membership.objects.filter(user=OuterRef("pk"), workspace_id__in=_workspace_ids_of(viewer))
    )
    return users.filter(Q(pk=viewer.pk) | shares_a_workspace)


def person_get_for(*, viewer, pk, with_tags=True):
    """The person ``pk`` with their profile (and tags) loaded; Http404 if missing or not
    visible to ``viewer``. Any signed-in user may call it."""
    people = people_visible_to(viewer).filter(pk=pk).select_related("profile")
    if with_tags:
        people = people.prefetch_related("profile__tags")
    person = people.first()
    if person is None:
        raise Http404("No such person.")
    return person


def profile_of(person):
    """The person's loaded profile, or None (without a query) if they have none yet."""
    try:
        return person.profile
    except Profile.DoesNotExist:
        return None


def shared_memberships_for(*, viewer, person):
    """The person's memberships in workspaces the viewer is in too (all of them for the
    person themselves and superusers), each with ``.tasks`` (their text there). Two queries."""
    memberships = Membership.objects.filter(user=person).select_related("workspace", "organisation")
    if not (viewer.is_superuser or viewer.pk == person.pk):
        memberships = memberships.filter(workspace_id__in=_workspace_ids_of(viewer))
    memberships = list(memberships.order_by("workspace__name", "pk"))
    tasks = dict(
        ProfileTask.objects.filter(
            user=person, workspace_id__in=[m.workspace_id for m in memberships]
        ).values_list("workspace_id", "text")
    )
    for membership in memberships:
        membership.tasks = tasks.get(membership.workspace_id, "")
    return memberships


def profile_sections_for(*, viewer, person):
    """Sections other apps contribute (recent posts, documents...), in registration order."""
    sections = []
    for provider in PROFILE_SECTIONS:
        section = provider(viewer, person)
        if section:
            sections.append(section)
    return sections


# The directory --------------------------------------------------------------------------


@dataclass
class DirectoryRow:
    membership: object
    profile: object
    tasks: str
    completeness: object = None

    @property
    def person(self):
        return self.membership.user


def _tag_exists(*, kind, **lookup):
    return Exists(
        Profile.tags.through.objects.filter(
            profile_id=OuterRef("user_id"), tag__kind=kind, **lookup
        )
    )


def _matching(memberships, *, q, organisation, role, skill, interest):
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


def directory_members(*, container, **filters):
    """The container's members (a private group's own, else the workspace's) that match
    the filters, as DirectoryRows with profile, tags and this workspace's tasks loaded.
    The caller has checked that the viewer may view ``container``. Three queries,
    whatever the number of members.
    """
    return _rows(_members(container=container, **filters))


def _members(*, container, q="", organisation=None, role="", skill="", interest=""):
    memberships = _matching(
        member_list_for(container=container),
        q=" ".join(q.split()),
        organisation=organisation,
        role=role,
        skill=skill,
        interest=interest,
    )
    return (
        memberships.select_related("user__profile")
        .prefetch_related(
            "user__profile__tags",
            Prefetch(
                "user__profile_tasks",
                queryset=ProfileTask.objects.filter(workspace=container.workspace),
                to_attr="tasks_here",
            ),
        )
        .order_by(*DIRECTORY_ORDER)
    )


def _rows(memberships):
    return [
        DirectoryRow(
            membership=m,
            profile=profile_of(m.user),
            tasks=m.user.tasks_here[0].text if m.user.tasks_here else "",
        )
        for m in memberships
    ]


def directory_page(*, container, size, cursor="", **filters):
    """One page of ``directory_members`` after ``cursor`` (a keyset cursor of
    alliance_hub.pagination, read in order off the users' name index, so a page costs
    the same at any depth and any alliance size). Returns ``(rows, next cursor or
    "")``; raises InvalidCursor. Three queries."""
    memberships = _members(container=container, **filters)
    if cursor:
        key = decode_cursor(Membership, DIRECTORY_ORDER, cursor)
        memberships = memberships.filter(after(DIRECTORY_ORDER, key))
    page, more = page_of(memberships, size)
    next_cursor = ""
    if more:
        last = page[-1].user
        next_cursor = cursor_for(DIRECTORY_ORDER, [last.display_name, last.pk])
    return _rows(page), next_cursor


def add_completeness(rows, *, workspace):
    """Score each row for this workspace (for its managers); no query."""
    for row in rows:
        row.completeness = completeness(
            row.profile,
            workspace_ids=[workspace.pk],
            tasks_by_workspace={workspace.pk: row.tasks},
        )
    return rows


def directory_filter_options(*, container):
    """Organisations and tags present among the container's members. Two queries."""
    members = member_list_for(container=container)
    organisations = Organisation.objects.filter(pk__in=members.values("organisation_id")).order_by(
        "name"
    )
    tags = Tag.objects.filter(profiles__pk__in=members.values("user_id")).distinct()
    tags = list(tags.order_by("name"))
    return {
        "organisations": list(organisations),
        "skills": [t for t in tags if t.kind == Tag.Kind.SKILL],
        "interests": [t for t in tags if t.kind == Tag.Kind.INTEREST],
    }
