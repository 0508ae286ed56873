"""Data that a run of tests shares instead of each test building it again: one
module's ``world`` (held in a transaction, each test in a savepoint inside it) or the
seeded demo (committed, as ``manage.py seed_demo`` leaves it, once per worker).

At most one is held at a time: opening one closes the other, and a test that asked
for neither closes whichever is open, so that no test sees data it did not ask for.
conftest.py orders the tests so that each is opened as few times as possible."""

import copy
import io
import json
from contextlib import redirect_stdout
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone


class Held:
    open_one = None

    def __init__(self, django_db_blocker):
        self.blocker, self.is_open = django_db_blocker, False

    def open(self):
        if not self.is_open:
            Held.close_open()
            self.blocker.unblock()
            self._open()
            self.is_open, Held.open_one = True, self

    def close(self):
        if self.is_open:
            self._close()
            self.blocker.restore()
            self.is_open, Held.open_one = False, None

    @classmethod
    def close_open(cls):
        if cls.open_one is not None:
            cls.open_one.close()


class HeldWorld(Held):
    """One module's world, built on first use inside a transaction held until the
    module ends (or another test needs the database without it)."""

    def __init__(self, django_db_blocker, build):
        super().__init__(django_db_blocker)
        self.build, self.atomic, self.world = build, None, None

    def _open(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.world = self.build()

    def copy(self):
        return copy.deepcopy(self.world)

    def _close(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)
        self.atomic = self.world = None


@dataclass
class Demo:
    started: datetime  # when seeding began: the story's "now"
    out: str  # everything ``seed_demo --json`` printed on standard output
    media: Path  # where its files are stored

    def logins(self):
        return json.loads(self.out)


class HeldDemo(Held):
    """The demo, seeded by ``manage.py seed_demo --json`` and committed, with e-mails
    printed to standard output as in development (the demo must keep them quiet).
    Tests read it, each in its own transaction rolled back after it; flushed when
    closed."""

    def __init__(self, django_db_blocker, media):
        super().__init__(django_db_blocker)
        self.media, self.demo = media, None

    def _open(self):
        out = io.StringIO()
        console = "django.core.mail.backends.console.EmailBackend"
        with override_settings(MEDIA_ROOT=self.media, EMAIL_BACKEND=console):
            started = timezone.now()
            with redirect_stdout(out):
                call_command("seed_demo", "--json", stderr=io.StringIO())
        self.demo = Demo(started, out.getvalue(), self.media)

    def _close(self):
        call_command("flush", interactive=False, verbosity=0)
        self.demo = None
