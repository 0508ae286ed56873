"""The static files' storage in production: WhiteNoise's compressed manifest storage,
with each file's URL remembered. The manifest is read once when the process starts, so
a file's hashed URL cannot change while it runs; looking it up again (about 13 µs) for
each of the ten or so ``{% static %}`` of every page was pure repetition."""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool], str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        key = (name, settings.DEBUG)  # in DEBUG the manifest is not used
        url = self._urls.get(key)
        if url is None:
            url = self._urls[key] = super().url(name)
        return url
