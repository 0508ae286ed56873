"""Background work of the search: the text of uploaded files.

Idempotent and safe to retry: a file's text is extracted once (keyed by its
storage name, which a restored version shares) and copied onto every index row
that shows that file.
"""

import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from django_tasks import task

from . import extract
from .models import Entry, ExtractedText
from .text import clean

logger = logging.getLogger(__name__)

EXTRACTOR = Path(extract.__file__)


def _limits():
    return {
        "max_bytes": settings.SEARCH_EXTRACT_MAX_BYTES,
        "max_chars": settings.SEARCH_EXTRACT_MAX_CHARS,
        "seconds": settings.SEARCH_EXTRACT_SECONDS,
        "memory": settings.SEARCH_EXTRACT_MEMORY_MB * 1024 * 1024,
    }


@contextmanager
def local_copy(file_name, max_bytes):
    """A temporary copy of the stored file for the extractor's child process, read
    through the storage API (local disk and S3 alike); None if it is over ``max_bytes``."""
    if default_storage.size(file_name) > max_bytes:
        yield None
        return
    with default_storage.open(file_name) as source, tempfile.NamedTemporaryFile() as copy:
        for chunk in source.chunks():
            copy.write(chunk)
        copy.flush()
        yield copy.name


def run_extractor(path, extension, limits):
    """(text, None) or (None, why): the extractor in a child process under limits."""
    return run_confined(EXTRACTOR, [path, extension, str(limits["max_chars"])], limits)


def run_confined(script, args, limits):
    """(stdout, None) or (None, why): ``script`` (a Django-free module that reads the
    file named by ``args[0]``) in a child process under memory, CPU and time limits.
    The documents app's office previews run through here too."""
    path = args[0]
    if path is None or os.path.getsize(path) > limits["max_bytes"]:
        return None, f"file larger than {limits['max_bytes']} bytes"

    def confine():
        resource.setrlimit(resource.RLIMIT_AS, (limits["memory"], limits["memory"]))
        cpu = max(1, int(limits["seconds"]))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))

    # -I: isolated, so this folder (with its selectors.py) does not shadow the stdlib.
    command = [sys.executable, "-I", str(script), *args]
    try:
        done = subprocess.run(  # noqa: S603 - our own script, arguments are not a shell line
            command,
            capture_output=True,
            timeout=limits["seconds"],
            preexec_fn=confine,  # noqa: PLW1509 - only sets rlimits
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, f"took longer than {limits['seconds']} s"
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = why[-1] if why else f"stopped ({done.returncode})"
        if done.returncode != extract.REFUSED:
            reason = f"over the memory or CPU limit: {reason}"
        return None, reason[:300]
    return done.stdout.decode("utf-8", "replace"), None


def extract_now(file_name, extension):
    """Extract ``file_name`` unless done already, and copy the text onto its index rows."""
    record = ExtractedText.objects.filter(file_name=file_name).first()
    if record is None:
        record = _extract(file_name, extension)
    state = Entry.FileState.DONE if record.ok else Entry.FileState.FAILED
    Entry.objects.filter(file_name=file_name).update(file_text=record.text, file_state=state)
    return record


def _extract(file_name, extension):
    started = time.monotonic()
    try:
        limits = _limits()
        with local_copy(file_name, limits["max_bytes"]) as path:
            text, error = run_extractor(path, extension, limits)
    except FileNotFoundError:
        text, error = None, "the stored file is missing"
    seconds = time.monotonic() - started
    if error:
        logger.warning("search: text of %s (.%s) not extracted: %s", file_name, extension, error)
    record, _ = ExtractedText.objects.update_or_create(
        file_name=file_name,
        defaults={
            "ok": error is None,
            "text": clean(text or ""),
            "error": error or "",
            "seconds": seconds,
            "extracted_at": timezone.now(),
        },
    )
    return record


@task()
def extract_file_text(file_name, extension):
    extract_now(file_name, extension)
