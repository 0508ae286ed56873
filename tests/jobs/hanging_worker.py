"""A real ``db_worker`` process whose exports hang after their first entry (until the
test kills it). Run by tests/jobs/test_worker_killed.py, with the test database in
DATABASE_URL, and HANG_FLAG naming a file to create once the job is under way."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance_hub.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from alliance_hub import hooks  # noqa: E402


def hang(container):
    yield "first.txt", b"written before the worker was killed"
    Path(os.environ["HANG_FLAG"]).touch()
    time.sleep(600)


hooks.register(hooks.EXPORTER, hang)
call_command("db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.1", verbosity=0)
