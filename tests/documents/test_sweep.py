import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from tests.documents.helpers import make_document, stored_files


def test_sweep_deletes_only_unreferenced_files(world):
    document = make_document(world.workspace, world.lead)
    stray = default_storage.save("documents/ab/stray", ContentFile(b"left over"))
    out = io.StringIO()
    call_command("documents_sweep", "--min-age", "0", "--dry-run", stdout=out)
    assert "Would delete 1" in out.getvalue()
    assert default_storage.exists(stray)
    call_command("documents_sweep", "--min-age", "0", stdout=io.StringIO())
    assert not default_storage.exists(stray)
    assert [str(p).endswith(document.latest_version.file.name) for p in stored_files()] == [True]


def test_sweep_leaves_recent_files_alone(world):
    stray = default_storage.save("documents/cd/in-progress", ContentFile(b"uploading"))
    call_command("documents_sweep", stdout=io.StringIO())
    assert default_storage.exists(stray)
