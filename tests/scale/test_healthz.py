"""/healthz: database, cache, storage and queue, each "ok" or "unavailable"; 503 only
when the database is down (the node cannot serve), "degraded" otherwise. Real Redis
and S3 servers, started and stopped here."""

import pytest
from django.urls import reverse

from tests.scale import servers
from tests.scale.test_redis import use_redis

URL = reverse("healthz")


def health(client):
    response = client.get(URL)
    assert response["Cache-Control"] == "no-store"
    return response.status_code, response.json()


def use_rq(settings, port):
    settings.RQ_QUEUES = {"default": {"URL": f"redis://127.0.0.1:{port}/1"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


def test_everything_local_is_ok_for_anyone(client, db):
    assert health(client) == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok", "queue": "ok"},
    )


def test_the_database_queue_is_checked_through_its_table(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert health(client)[1]["queue"] == "ok"


@pytest.fixture(scope="module")
def redis_port():
    with servers.running(servers.redis()) as server:
        yield server.port


def test_redis_cache_and_rq_queue_up_is_ok(client, db, settings, redis_port):
    use_redis(settings, redis_port)
    use_rq(settings, redis_port)
    assert health(client) == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok", "queue": "ok"},
    )


def test_redis_down_is_degraded_not_down(client, db, settings):
    port = servers.closed_port()
    use_redis(settings, port)
    use_rq(settings, port)
    code, body = health(client)
    assert code == 200
    assert body == {
        "status": "degraded",
        "database": "ok",
        "cache": "unavailable",
        "storage": "ok",
        "queue": "unavailable",
    }


def test_storage_down_is_reported(client, db, settings):
    server = servers.moto_s3()
    endpoint = f"http://127.0.0.1:{server.port}"
    servers.s3_storages(settings, endpoint)
    assert health(client)[1]["storage"] == "ok"
    server.stop()
    code, body = health(client)
    assert (code, body["status"], body["storage"]) == (200, "degraded", "unavailable")
