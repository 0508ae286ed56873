from documents.models import Document, Download, Folder, Version
from workspaces.models import Notification


def test_seed_demo_shows_every_documents_feature(seeded_demo, client):
    assert Folder.objects.filter(parent__isnull=False).exists()
    assert Document.objects.filter(group__slug="wp1").exists()
    assert Document.objects.filter(group__slug="steering").exists()
    assert Document.objects.filter(workspace__slug="rhine-water").exists()
    assert Document.objects.filter(locked_by__isnull=False).exists()
    assert Document.objects.filter(deleted_at__isnull=False).exists()
    assert Version.objects.filter(restored_from__isnull=False).exists()
    assert set(Version.objects.values_list("preview", flat=True)) >= {"image", "pdf", "text", "csv"}
    assert Download.objects.exists()
    assert Notification.objects.filter(kind="new_version").exists()
    from django.contrib.auth import get_user_model

    hanna = get_user_model().objects.get(email="hanna@balticgrid.example")
    client.force_login(hanna)
    agreement = Document.objects.get(title="Consortium agreement")
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "version 3 is newer" in page  # 2 is approved, 3 (a draft) is in review
