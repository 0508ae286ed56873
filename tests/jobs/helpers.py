"""What the job tests share: the database queue with a real worker, and storage and
queue backends that fail the way real ones do (a full disk, a truncated write,
an unreachable Redis)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django_tasks.backends.base import BaseTaskBackend

from jobs.models import Job

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# The worker checks its connection between tasks (close_old_connections), which
# would close a test's wrapping transaction: tests that run it commit for real.
worker_db = pytest.mark.django_db(transaction=True)


def work():
    """Run the real database worker until no task is due."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def fresh(job):
    return Job.objects.get(pk=job.pk)


class TruncatingStorage(FileSystemStorage):
    """Loses the last bytes of every file it saves, as an interrupted upload would."""

    def _save(self, name, content):
        data = content.read()
        return super()._save(name, ContentFile(data[: len(data) // 2]))


class DownStorage(FileSystemStorage):
    """A storage server that does not answer."""

    def _save(self, name, content):
        raise ConnectionError("storage endpoint unreachable")

    def _open(self, name, mode="rb"):
        raise ConnectionError("storage endpoint unreachable")


class UnreachableQueue(BaseTaskBackend):
    """A task backend whose server is down (what a Redis-backed queue does then)."""

    supports_defer = True

    def enqueue(self, task, args, kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def use_storage(settings, backend_class):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.{backend_class.__name__}"},
    }
