"""The WSGI application. Once it is loaded, its long-lived objects (modules, models,
URL patterns) are frozen out of the garbage collector's reach: a full collection
otherwise walks some 130,000 of them, a pause of about 30 ms once every hundred
requests or so (measured on the search page, docs/performance.md)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance_hub.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - imports every view module before the freeze
gc.freeze()
