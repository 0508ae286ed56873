"""What the profiles app puts into the site search: each active person once per
workspace they belong to and once per private group they are in, so that they are
found exactly where they can be seen (and a private group's search finds its own)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.html import strip_tags

from alliance_hub.hooks import SearchEntry
from workspaces.models import GroupMembership, Membership


class PersonSource:
    kind = "person"
    label = "People"
    # The fields of the user that the entries show or depend on: saving only others
    # (last_login, is_staff, digest_sent_at ...) leaves the entries as they are.
    user_fields = frozenset({"display_name", "email", "is_active"})

    def all_ids(self) -> QuerySet[Any, int]:
        return get_user_model().objects.order_by("pk").values_list("pk", flat=True)

    def entries(self, ids: list[int]) -> list[SearchEntry]:
        memberships = (
            Membership.objects.filter(user_id__in=ids, user__is_active=True)
            .select_related("workspace", "organisation", "user__profile")
            .prefetch_related("user__profile__tags")
        )
        entries = [_entry(membership) for membership in memberships]
        in_groups = GroupMembership.objects.filter(
            user_id__in=ids, group__is_private=True
        ).values_list("user_id", "group_id", "group__workspace_id")
        groups: dict[tuple[int, int], list[int]] = {}
        for user_id, group_id, workspace_id in in_groups:
            groups.setdefault((user_id, workspace_id), []).append(group_id)
        return entries + [
            {**entry, "key": f"{entry['key']}:g{group_id}", "group_id": group_id}
            for entry in entries
            for group_id in groups.get((entry["object_id"], entry["workspace"].pk), ())
        ]


def _entry(membership: Membership) -> SearchEntry:
    user = membership.user
    profile = getattr(user, "profile", None)
    tags = [tag.name for tag in profile.tags.all()] if profile else []
    details = (
        [profile.job_title, profile.location, profile.languages, strip_tags(profile.about_html)]
        if profile
        else []
    )
    return {
        "key": f"person:{user.pk}:w{membership.workspace_id}",
        "object_id": user.pk,
        "workspace": membership.workspace,
        "group": None,
        "title": str(user),
        "tags": " ".join([*tags, membership.organisation.name]),
        "body": " · ".join(part for part in details if part),
        "author_id": user.pk,
        "organisation_id": membership.organisation_id,
        "date": membership.joined_at,
        "url": user.get_absolute_url(),
    }
