"""Writes about people: their profile, tags, photo and tasks per workspace.

Only the person themselves (and superusers) change a profile; every service
checks that again, so management commands and the demo go through the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import slugify

from alliance_hub.hooks import search_changed
from workspaces.access import Viewer
from workspaces.models import Membership

from . import photos
from .models import Profile, ProfileTask, Tag, User
from .policies import may_edit_profile
from .tasks import photo_process

PROFILE_FIELDS = {"job_title", "about", "languages", "location", "time_zone", "phone", "links"}
USER_FIELDS = {"display_name", "digest_frequency"}
TAG_FIELDS = {"skills": Tag.Kind.SKILL, "interests": Tag.Kind.INTEREST}
MAX_TAGS = 20


def _require_editor(actor: Viewer, user: User) -> None:
    if not may_edit_profile(actor=actor, user=user):
        raise PermissionDenied("Only the person themselves may change their profile.")


def profile_ensure(*, user: User) -> Profile:
    """The user's profile, created empty if they have none (users get one when created;
    this covers anyone older). Safe to call from any view; atomic by get_or_create."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _ = Profile.objects.get_or_create(user=user)
        user.profile = profile
        return profile


def tags_for(*, kind: str, names: Iterable[str]) -> list[Tag]:
    """Tags of ``kind`` for ``names`` (case-insensitive via the slug), created as needed.

    Raises ValidationError for a name without letters or digits or for too many tags.
    """
    by_slug: dict[str, str] = {}
    for raw in names:
        name = " ".join(raw.split())[:60]
        slug = slugify(name, allow_unicode=True)
        if not slug:
            raise ValidationError(f"“{name}” needs at least one letter or digit.")
        by_slug.setdefault(slug, name)
    if len(by_slug) > MAX_TAGS:
        raise ValidationError(f"Give at most {MAX_TAGS} {Tag.Kind(kind).label.lower()}s.")
    existing = {t.slug: t for t in Tag.objects.filter(kind=kind, slug__in=by_slug)}
    for slug, name in by_slug.items():
        if slug not in existing:
            existing[slug], _ = Tag.objects.get_or_create(
                kind=kind, slug=slug, defaults={"name": name}
            )
    return [existing[slug] for slug in by_slug]


def _apply_fields(user: User, profile: Profile, changes: Mapping[str, Any]) -> None:
    unknown = set(changes) - PROFILE_FIELDS - USER_FIELDS - set(TAG_FIELDS)
    if unknown:
        raise TypeError(f"Unknown profile fields: {sorted(unknown)}")
    current = list(profile.tags.all())
    new_tags: list[Tag] = []
    for field, kind in TAG_FIELDS.items():
        if field in changes:
            new_tags += tags_for(kind=kind, names=changes[field])
        else:
            new_tags += [t for t in current if t.kind == kind]
    for name in PROFILE_FIELDS & set(changes):
        setattr(profile, name, (changes[name] or "").strip())
    for name in USER_FIELDS & set(changes):
        setattr(user, name, (changes[name] or "").strip())
    profile.render_markup()
    user.full_clean(exclude=["password"], validate_unique=False)
    profile.full_clean(exclude=["user"])
    user.save(update_fields=sorted(USER_FIELDS))
    profile.save()
    profile.tags.set(new_tags)


def _apply_tasks(user: User, tasks: Mapping[int, str | None]) -> None:
    """``tasks``: workspace id -> text; only workspaces the user is a member of."""
    member_of = set(
        Membership.objects.filter(user=user, workspace_id__in=tasks).values_list(
            "workspace_id", flat=True
        )
    )
    if set(tasks) - member_of:
        raise ValidationError("Tasks can only be described for workspaces you are a member of.")
    for workspace_id, given in tasks.items():
        text = (given or "").strip()
        if len(text) > 1000:
            raise ValidationError("Describe your tasks in at most 1000 characters per workspace.")
        if text:
            ProfileTask.objects.update_or_create(
                user=user, workspace_id=workspace_id, defaults={"text": text}
            )
        else:
            ProfileTask.objects.filter(user=user, workspace_id=workspace_id).delete()


def _remove_photo(profile: Profile) -> None:
    old_files = profile.photo_files
    profile.photo_files, profile.photo_version = {}, ""
    profile.save(update_fields=["photo_files", "photo_version", "updated_at"])
    # Old files go only once the new state is committed, so a failure keeps the old photo.
    transaction.on_commit(lambda: photos.delete_photo_files(old_files))


def _queue_photo(profile: Profile, data: bytes) -> None:
    """Keep the checked upload and let a task make the crops after the commit (the
    old photo shows until then). Storage failing raises ValidationError: nothing saved."""
    try:
        pending = photos.store_original(data, user_id=profile.pk)
    except Exception as error:  # any storage backend's error
        raise ValidationError(
            "File storage is not answering right now, so nothing was saved. Try again."
        ) from error
    superseded = profile.photo_pending  # its task will find it replaced and do nothing
    transaction.on_commit(lambda: photos.delete_original(superseded))
    profile.photo_pending = pending
    profile.save(update_fields=["photo_pending", "updated_at"])
    transaction.on_commit(lambda: photo_process.enqueue(profile.pk, pending))


@transaction.atomic
def profile_save(
    *,
    actor: Viewer,
    user: User,
    changes: Mapping[str, Any] | None = None,
    tasks: Mapping[int, str | None] | None = None,
    photo: UploadedFile | None = None,
    remove_photo: bool = False,
) -> Profile:
    """Change ``user``'s profile: the person themselves or a superuser (else PermissionDenied).

    ``changes``: any of PROFILE_FIELDS, USER_FIELDS and ``skills``/``interests``
    (lists of names); ``tasks``: workspace id -> text; ``photo``: an uploaded file,
    checked first, then cropped and re-encoded by a task after the commit. Raises
    PhotoRejected / ValidationError before anything is written, so a bad photo
    leaves the profile and the old photo as they were. Atomic.
    """
    _require_editor(actor, user)
    checked = photos.check_photo(photo) if photo is not None else None
    # A fresh, locked copy: concurrent edits queue up, and a failed edit leaves the
    # caller's objects (often request.user) untouched.
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    profile = profile_ensure(user=user)
    if changes:
        _apply_fields(user, profile, changes)
    if tasks:
        _apply_tasks(user, tasks)
    if checked is not None:
        _queue_photo(profile, checked)
    elif remove_photo and profile.has_photo:
        _remove_photo(profile)
    search_changed("person", user.pk)
    return profile
