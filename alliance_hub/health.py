"""What /healthz reports: can this node reach the database, the cache, file storage
and the task queue? Each check answers True or False and logs why it failed."""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django_tasks import task_backends

from alliance_hub import filestore

logger = logging.getLogger(__name__)


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def cache_roundtrip():
    # django-redis ignores a Redis outage (a miss, by design), so write and read back.
    key, token = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, token, 30)
    if cache.get(key) != token:
        raise ConnectionError("the cache did not keep a value")
    cache.delete(key)


def storage():
    if not filestore.probe():
        raise ConnectionError("file storage did not answer")


def queue():
    backend = task_backends["default"]
    if hasattr(backend, "_get_queues"):  # RQ: each queue's Redis answers PING
        for rq_queue in backend._get_queues():
            rq_queue.connection.ping()
    elif type(backend).__module__.startswith("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exists()
    # Other backends (immediate, dummy) run tasks in-process: nothing to reach.


CHECKS = {"database": database, "cache": cache_roundtrip, "storage": storage, "queue": queue}


def report():
    """``{component: "ok" | "unavailable"}`` for every component, in a fixed order."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # noqa: BLE001 - any failure of a dependency means "unavailable"
            logger.warning("Health check %s failed", name, exc_info=True)
            results[name] = "unavailable"
        else:
            results[name] = "ok"
    return results
