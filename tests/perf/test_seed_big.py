"""``manage.py seed_big`` at a tiny scale: the counts it promises, real files, and
permissions that let its member in (and keep private groups private)."""

import json
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import override_settings

from documents.models import Document, Folder, Version
from microblog.models import BlogPost, StatusPost
from profiles.models import User
from tests.conftest import built_once
from wiki.models import Page
from workspaces.access import container_access
from workspaces.models import Activity, Group, Membership, Notification, Workspace

pytestmark = pytest.mark.django_db(transaction=False)


# A small stand-in for bench/big-page.md keeps the seeding quick.
REFERENCE_PAGE = "# Handbook\n\n## Scope\n\nThe steering committee decides. [[Other page]]\n"


def _seed(big_page, scale="0.01"):
    out = StringIO()
    call_command("seed_big", "--scale", scale, "--big-page", str(big_page), stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def big_page(tmp_path):
    path = tmp_path / "big-page.md"
    path.write_text(REFERENCE_PAGE)
    return path


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seeded once for the module (its files in a folder of their own); each test reads
    it inside its own savepoint."""
    folder = tmp_path_factory.mktemp("seed-big")
    (folder / "big-page.md").write_text(REFERENCE_PAGE)
    with override_settings(MEDIA_ROOT=folder / "media"):
        yield from built_once(django_db_blocker, lambda: (_seed(folder / "big-page.md"), folder))


@pytest.fixture
def seeded(seeded_once, settings):
    result, folder = seeded_once
    settings.MEDIA_ROOT = folder / "media"
    return result


def test_seed_big_creates_the_promised_counts(seeded):
    counts = seeded["counts"]
    ws = Workspace.objects.get(slug="big-alliance")
    assert counts["members"] == Membership.objects.filter(workspace=ws).count() == 20
    assert Group.objects.filter(workspace=ws).count() == 3
    assert Group.objects.filter(workspace=ws, is_private=True).count() == 1
    # The bench folder, the page-100 folder and the 50-version document come on top.
    assert Folder.objects.filter(workspace=ws, name__startswith="Bench folder").get()
    assert Document.objects.filter(workspace=ws).count() == counts["documents"] >= 500 + 5000
    assert Version.objects.filter(document__workspace=ws).count() == counts["versions"]
    assert Version.objects.filter(document__title="Bench document (50 versions)").count() == 50
    assert Page.objects.filter(workspace=ws).count() >= counts["pages"] == 50
    assert Page.history.filter(path="reference/big-page").count() == 200
    assert StatusPost.objects.filter(workspace=ws).count() == counts["status_posts"] == 2000
    assert BlogPost.objects.filter(workspace=ws).count() == 20
    assert Activity.objects.filter(workspace=ws).count() >= 400
    assert Notification.objects.filter(workspace=ws).count() == 200


def test_seeded_files_are_real_and_pages_render_for_the_member(seeded, client):
    version = Version.objects.filter(document__workspace__slug="big-alliance").first()
    with default_storage.open(version.file.name, "rb") as handle:
        assert handle.read() and version.size > 0
    client.force_login(User.objects.get(email=seeded["member_email"]))
    for name, url in seeded["urls"].items():
        assert client.get(url).status_code == 200, name
    big = client.get(seeded["urls"]["wiki_page"]).content.decode()
    assert "Revision 199 of the reference page" not in big


def test_private_groups_are_only_for_their_members(seeded):
    private = Group.objects.get(workspace__slug="big-alliance", is_private=True)
    members = set(private.group_memberships.values_list("user_id", flat=True))
    outsider = User.objects.filter(memberships__workspace=private.workspace).exclude(
        pk__in=members
    )[0]
    insider = User.objects.get(pk=sorted(members)[-1])
    assert not container_access(outsider, private).can("view")
    assert container_access(insider, private).can("view")


def test_seed_big_refuses_to_seed_twice(seeded, big_page):
    with pytest.raises(CommandError, match="already exists"):
        _seed(big_page)
    assert Workspace.objects.filter(slug="big-alliance").count() == 1


def test_seed_big_fails_clearly_without_the_reference_page(tmp_path):
    before = Workspace.objects.count()  # the module's seeded alliance may be there
    with pytest.raises(CommandError, match="missing"):
        call_command("seed_big", "--scale", "0.01", "--big-page", str(tmp_path / "nope.md"))
    assert Workspace.objects.count() == before
