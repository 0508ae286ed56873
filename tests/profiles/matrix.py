"""Permission-matrix rows for the people pages.

Profile URLs have no container: a profile is visible to whoever shares a
workspace with its owner. The target is ``world.member`` (in the workspace and
its private group), so ``outsider`` (another workspace only) and ``removed`` (no
workspace any more) get 404, every other signed-in persona sees it, and only the
member edits it (others who can see it get 403).
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from profiles import services
from tests.matrix import FORBIDDEN, LOGIN, NOT_FOUND, OK, Route
from tests.profiles.helpers import image_bytes
from workspaces.roles import Action

WORKSPACE_ONLY = ("workspace",)

SEES_MEMBER = {
    "anonymous": LOGIN,
    "outsider": NOT_FOUND,
    "removed": NOT_FOUND,
    "observer": OK,
    "member": OK,
    "non_group_member": OK,
    "community_manager": OK,
    "lead": OK,
}
EDITS_MEMBER = {
    **SEES_MEMBER,
    "observer": FORBIDDEN,
    "non_group_member": FORBIDDEN,
    "community_manager": FORBIDDEN,
    "lead": FORBIDDEN,
}
EVERYONE_SIGNED_IN = {persona: OK for persona in SEES_MEMBER} | {"anonymous": LOGIN}


def _member_url(name, *extra):
    return lambda w, c: reverse(name, args=[w.member.pk, *extra])


def _member_photo_url(w, c):
    with TestCase.captureOnCommitCallbacks(execute=True):  # the crops are made on commit
        services.profile_save(
            actor=w.member,
            user=w.member,
            photo=SimpleUploadedFile("me.jpg", image_bytes(size=(64, 64))),
        )
    return reverse("profiles:photo", args=[w.member.pk, "small"])


ROUTES = [
    Route(
        "profiles:profile_detail",
        _member_url("profiles:profile_detail"),
        action=None,
        containers=WORKSPACE_ONLY,
        expect=SEES_MEMBER,
    ),
    Route(
        "profiles:profile_edit",
        _member_url("profiles:profile_edit"),
        action=None,
        containers=WORKSPACE_ONLY,
        expect=EDITS_MEMBER,
    ),
    Route(
        "profiles:profile_edit",
        _member_url("profiles:profile_edit"),
        action=None,
        method="POST",
        data={"display_name": "Changed", "digest_frequency": "daily"},
        containers=WORKSPACE_ONLY,
        expect=EDITS_MEMBER,
    ),
    Route(
        "profiles:profile_edit_me",
        lambda w, c: reverse("profiles:profile_edit_me"),
        action=None,
        containers=WORKSPACE_ONLY,
        expect=EVERYONE_SIGNED_IN,
    ),
    Route(
        "profiles:profile_edit_me",
        lambda w, c: reverse("profiles:profile_edit_me"),
        action=None,
        method="POST",
        data={"display_name": "", "digest_frequency": "weekly"},
        containers=WORKSPACE_ONLY,
        expect=EVERYONE_SIGNED_IN,
    ),
    Route(
        "profiles:photo",
        _member_photo_url,
        action=None,
        containers=WORKSPACE_ONLY,
        expect=SEES_MEMBER,
    ),
    Route(
        "profiles:avatar",
        _member_url("profiles:avatar"),
        action=None,
        containers=WORKSPACE_ONLY,
        expect=SEES_MEMBER,
    ),
    Route("profiles:directory", lambda w, c: reverse("profiles:directory", args=[c]), Action.VIEW),
]
