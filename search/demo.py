"""Demo data for the search: the files the other apps' demos uploaded are read at
once, so that words inside them are found before any worker has run."""

from datetime import timedelta
from typing import TYPE_CHECKING

from alliance_hub.hooks import Chapter

from .models import Entry
from .tasks import extract_now

if TYPE_CHECKING:
    from seeding.alliances import Demo


def chapters(demo: "Demo") -> list[Chapter]:
    return [Chapter(timedelta(0), seed)]  # "now", after the other apps' uploads


def seed(demo):
    pending = (
        Entry.objects.filter(file_state=Entry.FileState.PENDING)
        .values_list("file_name", "file_ext")
        .distinct()
    )
    for file_name, extension in list(pending):
        extract_now(file_name, extension)
