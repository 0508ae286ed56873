"""The export: one ZIP of what the workspace (or the group) holds, and nothing of any
other container. Asked for with a POST, built by a job (run at once in tests), then
downloaded from storage."""

import csv
import io
import json
import zipfile

import pytest
from django.http import FileResponse
from django.urls import reverse

from documents import services as documents
from jobs.models import Job
from tests.documents.helpers import add_version, make_document
from tests.workspaces.content_helpers import blog, edit_page, post
from workspaces import export


@pytest.fixture
def export_zip(django_capture_on_commit_callbacks):
    """``export_zip(client, container)``: ask for the export, let its job run (as on
    commit), download it, and open the ZIP."""

    def export(client, container):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("workspaces:export", args=[container]))
        return _downloaded(client, container, response)

    return export


def _downloaded(client, container, response):
    job = Job.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    download = client.get(reverse("jobs:job_download", args=[container, job.pk]))
    assert download.status_code == 200
    assert isinstance(download, FileResponse)
    assert download["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))


def _content(world):
    ws, group = world.workspace, world.private_group
    folder = documents.folder_create(actor=world.lead, container=ws, name="Reports")
    sub = documents.folder_create(actor=world.lead, container=ws, name="2026", parent=folder)
    report = make_document(ws, world.member, "annual.txt", b"draft", folder=sub)
    add_version(report, world.member, b"final", "annual-final.txt")
    make_document(group, world.member, "secret.txt", b"group only")
    edit_page(ws, "governance", world.lead, "We decide <together>.")
    post(ws, world.member, "Hello <script>alert(1)</script> team")
    post(group, world.member, "A private word")
    blog(ws, world.lead, "Kick-off <done>", "We **met**.")
    blog(group, world.lead, "Group diary", "Private notes")


def test_the_workspace_export_holds_documents_wiki_posts_and_members(world, client_for, export_zip):
    _content(world)

    archive = export_zip(client_for(world.lead), world.workspace)
    names = set(archive.namelist())

    assert archive.read("documents/Reports/2026/annual/v1-annual.txt") == b"draft"
    assert archive.read("documents/Reports/2026/annual/v2-annual-final.txt") == b"final"
    governance = archive.read("pages/governance.md").decode()
    assert "We decide <together>." in governance and "revision: 2" in governance
    history = sorted(n for n in names if n.startswith("pages/governance/history/"))
    assert len(history) == 2
    assert "How the alliance is organised" in archive.read(history[0]).decode()
    posts = json.loads(archive.read("stream/posts.json"))
    assert [p["text"] for p in posts] == ["Hello <script>alert(1)</script> team"]
    html = archive.read("stream/posts.html").decode()
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert json.loads(archive.read("blog/posts.json"))[0]["title"] == "Kick-off <done>"
    assert "Kick-off &lt;done&gt;" in archive.read("blog/posts.html").decode()
    members = archive.read("members.csv").decode()
    assert world.observer.email in members and world.outsider.email not in members


def test_a_workspace_export_holds_nothing_of_its_groups(world, client_for, export_zip):
    _content(world)

    archive = export_zip(client_for(world.lead), world.workspace)
    everything = b"".join(archive.read(name) for name in archive.namelist())

    for secret in (b"group only", b"A private word", b"Group diary", b"secret"):
        assert secret not in everything


def test_a_group_export_holds_only_that_groups_content_and_members(world, client_for, export_zip):
    _content(world)

    archive = export_zip(client_for(world.community_manager), world.private_group)
    everything = b"".join(archive.read(name) for name in archive.namelist())

    assert archive.read("documents/secret/v1-secret.txt") == b"group only"
    assert [p["text"] for p in json.loads(archive.read("stream/posts.json"))] == ["A private word"]
    for outside in (b"draft", b"final", b"Hello", b"Kick-off", b"We decide"):
        assert outside not in everything
    members = archive.read("members.csv").decode()
    assert world.member.email in members and world.non_group_member.email not in members


def test_the_other_workspaces_content_never_appears(world, client_for, export_zip):
    other_lead = world.other_workspace.memberships.first().user
    make_document(world.other_workspace, other_lead, "theirs.txt", b"not ours")

    archive = export_zip(client_for(world.lead), world.workspace)

    assert all(b"not ours" not in archive.read(name) for name in archive.namelist())


@pytest.mark.parametrize("persona", ["member", "observer"])
def test_only_managers_export(world, client_for, persona):
    client = client_for(getattr(world, persona))

    assert client.post(reverse("workspaces:export", args=[world.workspace])).status_code == 403
    assert not Job.objects.exists()


def test_a_non_member_of_a_private_group_cannot_export_it(world, client_for):
    client = client_for(world.non_group_member)
    url = reverse("workspaces:export", args=[world.private_group])

    assert client.post(url).status_code == 404


def test_the_zip_streams_before_the_archive_is_built(world, monkeypatch):
    """The first bytes come out before the last exporter has even started."""
    from alliance_hub import hooks

    for n in range(3):
        make_document(world.workspace, world.member, f"file{n}.txt", f"content {n}".encode())
    started = []

    def last_exporter(container):
        started.append(container)
        yield "last.txt", b"the end"

    with hooks.registered(hooks.EXPORTER, last_exporter, order=100):
        stream = export.export_stream(world.workspace)
        first = next(stream)
        assert first.startswith(b"PK\x03\x04")  # a local file header: the first entry
        assert started == []
        rest = b"".join(stream)
    assert started == [world.workspace]
    archive = zipfile.ZipFile(io.BytesIO(first + rest))
    assert archive.read("documents/file2/v1-file2.txt") == b"content 2"
    assert archive.read("last.txt") == b"the end"


def test_document_files_are_read_in_chunks_while_the_zip_is_written(world, settings):
    from documents import launch as documents_launch

    big = b"x" * (3 * documents_launch.CHUNK_SIZE + 10)
    document = make_document(world.workspace, world.member, "big.bin", big)

    entries = list(documents_launch.export_documents(world.workspace))
    (path, chunks) = entries[0]
    sizes = [len(chunk) for chunk in chunks]

    assert path == "documents/big/v1-big.bin"
    assert sizes == [documents_launch.CHUNK_SIZE] * 3 + [10]
    assert document.version_count == 1


def test_a_file_missing_from_storage_is_noted_and_the_zip_stays_whole(
    world, client_for, export_zip
):
    document = make_document(world.workspace, world.member, "lost.txt", b"gone")
    make_document(world.workspace, world.member, "kept.txt", b"still here")
    document.latest_version.file.delete(save=False)

    archive = export_zip(client_for(world.lead), world.workspace)

    assert "missing from storage" in archive.read("documents/lost/v1-lost.txt.missing.txt").decode()
    assert archive.read("documents/kept/v1-kept.txt") == b"still here"


@pytest.mark.parametrize("size", [5, 200])
def test_the_export_runs_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries, size, export_zip
):
    for n in range(size):
        make_document(world.workspace, world.member, f"file{n}.txt", f"content {n}".encode())
        post(world.workspace, world.member, f"Post {n}")
    client = client_for(world.lead)

    with django_assert_max_num_queries(45):
        archive = export_zip(client, world.workspace)

    assert len([n for n in archive.namelist() if n.startswith("documents/")]) == size


def test_the_members_csv_quotes_names_a_spreadsheet_would_run_as_formulas(
    world, client_for, export_zip
):
    world.member.display_name = '=HYPERLINK("http://evil.example","x")'
    world.member.save()
    members = export_zip(client_for(world.lead), world.workspace).read("members.csv").decode()
    rows = {row["e-mail"]: row for row in csv.DictReader(io.StringIO(members.lstrip("\ufeff")))}
    assert rows[world.member.email]["name"] == "'" + world.member.display_name
