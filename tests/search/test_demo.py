"""The demo alliance's files can be searched inside, straight after seed_demo."""

from django.contrib.auth import get_user_model

from search.models import Entry
from tests.search.helpers import search


def test_words_only_inside_the_demo_files_are_found(seeded_demo, client):
    assert not Entry.objects.filter(file_state=Entry.FileState.PENDING).exists()
    hanna = get_user_model().objects.get(email="hanna@balticgrid.example")
    client.force_login(hanna)
    assert search(client, "groningen arbitration").titles == ["Consortium agreement"]
    assert search(client, "lidar buoys").titles == ["Work plan 2026"]
    assert search(client, "heliostat").titles == ["Budget 2026"]
    # With older versions: the signed version and the amendment draft that carries it on.
    assert search(client, "arbitration", versions="on").titles == ["Consortium agreement"] * 2
