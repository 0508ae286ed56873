"""Static URLs come from the manifest (hashed, so browsers may cache them for ever),
each looked up once per process and the same as WhiteNoise's storage gives."""

from whitenoise.storage import CompressedManifestStaticFilesStorage

from alliance_hub.static_storage import StaticStorage


def test_the_manifest_urls_of_whitenoise():
    ours, theirs = StaticStorage(), CompressedManifestStaticFilesStorage()
    for name in ("css/app.css", "js/app.js", "img/favicon.svg"):
        assert ours.url(name) == theirs.url(name) != f"/static/{name}"
        assert ours.url(name) == theirs.url(name)  # the remembered one
        assert ours.url(name, force=True) == theirs.url(name, force=True)


def test_in_debug_the_plain_names(settings):
    storage = StaticStorage()
    hashed = storage.url("css/app.css")
    settings.DEBUG = True
    assert storage.url("css/app.css") == "/static/css/app.css" != hashed
