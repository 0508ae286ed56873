"""Which cache, sessions, storage and queue the settings pick from the environment:
everything local without REDIS_URL and AWS_STORAGE_BUCKET_NAME (``make run`` from a
fresh clone), shared services when they are set. Read from a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ("REDIS_URL", "TASKS_BACKEND", "TASKS_REDIS_URL", "AWS_STORAGE_BUCKET_NAME")
SHOW = """
import json
from django.conf import settings
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_options": settings.CACHES["default"].get("OPTIONS", {}),
    "sessions": settings.SESSION_ENGINE,
    "storage": settings.STORAGES["default"]["BACKEND"],
    "storage_options": {
        k: v for k, v in settings.STORAGES["default"].get("OPTIONS", {}).items()
        if k != "client_config"
    },
    "tasks": settings.TASKS["default"]["BACKEND"],
    "rq": getattr(settings, "RQ_QUEUES", None),
    "apps": [app for app in settings.INSTALLED_APPS if "rq" in app],
}))
"""


def settings_with(**env):
    clean = {k: v for k, v in os.environ.items() if k not in SHARED}
    out = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", SHOW],
        env={**clean, "DJANGO_SETTINGS_MODULE": "alliance_hub.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        raise AssertionError(out.stderr)
    return json.loads(out.stdout)


def test_without_shared_services_everything_is_local():
    chosen = settings_with()
    assert chosen["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert chosen["sessions"] == "django.contrib.sessions.backends.db"
    assert chosen["storage"] == "django.core.files.storage.FileSystemStorage"
    assert chosen["tasks"] == "django_tasks_db.DatabaseBackend"
    assert chosen["rq"] is None and chosen["apps"] == []


def test_redis_url_puts_cache_and_sessions_in_redis_and_an_outage_is_a_miss():
    chosen = settings_with(REDIS_URL="redis://127.0.0.1:6379/2")
    assert chosen["cache"] == "alliance_hub.cache.FailOpenRedisCache"
    assert chosen["cache_options"]["IGNORE_EXCEPTIONS"] is True
    assert chosen["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert chosen["tasks"] == "django_tasks_db.DatabaseBackend"  # the queue is chosen apart


def test_rq_backend_uses_the_tasks_redis_or_else_redis_url():
    chosen = settings_with(
        REDIS_URL="redis://127.0.0.1:6379/2", TASKS_BACKEND="django_tasks_rq.RQBackend"
    )
    assert chosen["tasks"] == "django_tasks_rq.RQBackend"
    assert chosen["rq"]["default"]["URL"] == "redis://127.0.0.1:6379/2"
    assert chosen["apps"] == ["django_rq", "django_tasks_rq"]
    apart = settings_with(
        REDIS_URL="redis://127.0.0.1:6379/2",
        TASKS_BACKEND="django_tasks_rq.RQBackend",
        TASKS_REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert apart["rq"]["default"]["URL"] == "redis://127.0.0.1:6379/3"


def test_a_bucket_name_puts_files_on_s3_privately():
    chosen = settings_with(
        AWS_STORAGE_BUCKET_NAME="alliance-files", AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000"
    )
    assert chosen["storage"] == "storages.backends.s3.S3Storage"
    options = chosen["storage_options"]
    assert options["bucket_name"] == "alliance-files"
    assert options["endpoint_url"] == "http://127.0.0.1:9000"
    assert options["default_acl"] is None and options["querystring_expire"] <= 300


def test_sendfile_with_s3_is_refused_at_start():
    with pytest.raises(AssertionError, match="SENDFILE_MODE"):
        settings_with(AWS_STORAGE_BUCKET_NAME="alliance-files", SENDFILE_MODE="x-sendfile")
