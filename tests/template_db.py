"""Under xdist, the migrations run once per run, not once per worker: the first worker
to get here migrates a template database (``manage.py migrate``, in a child process
of its own), and each worker's test database is a copy of it (PostgreSQL's
``CREATE DATABASE ... TEMPLATE``, a file copy on SQLite). pytest-django then finds
the database there and migrated (as with --reuse-db) and runs the tests in it.

The migrations themselves stay tested: by every run here, and by
``makemigrations --check`` in ``make lint``."""

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def usable(config):
    """In an xdist worker, with a test database that is not in memory."""
    return hasattr(config, "workerinput") and bool(_settings()["TEST"].get("NAME"))


def clone_from_template(config):
    """Make this worker's test database a copy of this run's migrated template."""
    worker = _settings()["TEST"]["NAME"]
    template = _template_name(worker.removesuffix("_" + config.workerinput["workerid"]))
    run_id = config.workerinput["testrunuid"]
    # Next to the SQLite file; for PostgreSQL, per database name on this machine.
    folder = Path(template).parent if connection.vendor == "sqlite" else tempfile.gettempdir()
    lock = Path(folder) / f"{Path(template).name}.lock"
    with open(lock, "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # the other workers wait for the template
        held.seek(0)
        if held.read() != run_id:
            _migrate_template(template)
            held.truncate(0)
            held.write(run_id)
            held.flush()
        _copy(template, worker)


def drop(name):
    if connection.vendor == "sqlite":
        Path(name).unlink(missing_ok=True)
        return
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def drop_copy():
    drop(_settings()["TEST"]["NAME"])


def drop_template():
    """In the xdist controller, at the end."""
    test_name = _settings().get("TEST", {}).get("NAME")
    if test_name or connection.vendor != "sqlite":
        drop(_template_name(test_name or f"test_{_settings()['NAME']}"))


def _settings():
    from django.conf import settings

    return settings.DATABASES["default"]


def _template_name(test_name):
    return f"{test_name}.template" if connection.vendor == "sqlite" else f"{test_name}_template"


def _migrate_template(template):
    drop(template)
    if connection.vendor == "sqlite":
        url = f"sqlite:///{template}"
    else:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{template}"')
        url = _postgres_url(template)
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
    )


def _copy(template, worker):
    if connection.vendor == "sqlite":
        shutil.copyfile(template, worker)
        return
    drop(worker)
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{worker}" TEMPLATE "{template}"')


def _postgres_url(name):
    db = _settings()
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{db['HOST']}{port}/{name}"
