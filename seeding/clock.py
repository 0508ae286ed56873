"""The demo's story clock: ``seed_demo`` tells the alliance's last weeks in order, each
chapter at its own time, so every record (stream lines, versions, revisions,
notifications, audit) carries the time of the moment it describes.

Time is moved with time-machine, which changes what ``datetime.now()`` and
``time.time()`` return in this process (so ``default=timezone.now`` fields, the
history records and the services' own ``timezone.now()`` all agree). The clock only
moves forward, and keeps ticking at real speed: records made later always have later
times, so the stream (ordered by id) is also in time order. Demo seeding only.

``travel=False`` keeps real time (everything happens "now", still in order): for
object storage, whose request signatures must carry the real time.
"""

from datetime import timedelta

import time_machine
from django.utils import timezone


class StoryClock:
    def __init__(self, start_ago, travel=True):
        self.end = timezone.now()  # the story ends "now", when seeding began
        self._traveller = time_machine.travel(self.end - start_ago, tick=True) if travel else None

    def __enter__(self):
        self._coordinates = self._traveller.start() if self._traveller else None
        return self

    def __exit__(self, *exc_info):
        if self._traveller:
            self._traveller.stop()

    def at(self, ago):
        """Move to ``ago`` before the end of the story; never back (a chapter that
        would start before the previous one ended just goes on from there)."""
        target = self.end - ago
        if self._coordinates and target > timezone.now():
            self._coordinates.move_to(target)

    def later(self, **delta):
        """Let some time pass (``minutes=``, ``hours=``, ``days=``), never past the end."""
        target = min(timezone.now() + timedelta(**delta), self.end)
        self.at(self.end - target)


def chapters_in_order(chapters):
    """Oldest first; chapters at the same time keep the apps' order."""
    return sorted(chapters, key=lambda chapter: -chapter.ago)
