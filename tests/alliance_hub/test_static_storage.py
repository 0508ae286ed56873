"""Static URLs come from the manifest (hashed, so browsers may cache them for ever),
each looked up once per process and the same as WhiteNoise's storage gives."""

import pytest
from django.core.management import call_command
from whitenoise.storage import CompressedManifestStaticFilesStorage

from alliance_hub.static_storage import StaticStorage

NAMES = ("css/app.css", "js/app.js")


@pytest.fixture
def collected(settings, tmp_path):
    """Two files collected as production collects them, into a folder of this test's."""
    source = tmp_path / "source"
    for name in NAMES:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(f"/* {name} */")
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "alliance_hub.static_storage.StaticStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)


def test_the_manifest_urls_of_whitenoise(collected):
    ours, theirs = StaticStorage(), CompressedManifestStaticFilesStorage()
    for name in NAMES:
        assert ours.url(name) == theirs.url(name) != f"/static/{name}"
        assert ours.url(name) == theirs.url(name)  # the remembered one
        assert ours.url(name, force=True) == theirs.url(name, force=True)


def test_in_debug_the_plain_names(collected, settings):
    storage = StaticStorage()
    hashed = storage.url("css/app.css")
    settings.DEBUG = True
    assert storage.url("css/app.css") == "/static/css/app.css" != hashed
