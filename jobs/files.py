"""Files that jobs leave for people: written to storage, verified, and only then offered.

Everything goes through the storage API (local disk or S3 alike, never ``.path()``).
A job's files live under ``jobs/<job id>/``, one name per attempt, so an attempt
that a killed worker left half-written is never the one recorded on the job, and
the next attempt clears it away.
"""

import logging
import tempfile
import zipfile

from django.core.files import File
from django.core.files.storage import default_storage

logger = logging.getLogger(__name__)
SPOOL_IN_MEMORY = 8 * 1024 * 1024


class StorageUnavailable(Exception):
    """Storage could not be read or written; ``str()`` is a message for the person."""


def job_dir(job):
    return f"jobs/{job.pk}"


def clear_job_files(job, directory=None):
    """Delete what ``job`` keeps in storage (what earlier attempts left, its inputs)."""
    directory = directory or job_dir(job)
    if not default_storage.exists(directory):
        return
    subdirectories, names = default_storage.listdir(directory)
    for name in names:
        default_storage.delete(f"{directory}/{name}")
    for subdirectory in subdirectories:
        clear_job_files(job, f"{directory}/{subdirectory}")


def store_verified_zip(job, filename, chunks):
    """Write the ZIP made of ``chunks`` to storage and check the stored copy whole.

    Returns the storage name. Raises zipfile.BadZipFile (deleting what was stored)
    if the stored copy is not a complete, readable ZIP; storage errors propagate
    (the job is retried).
    """
    clear_job_files(job)
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY) as spool:
        for chunk in chunks:
            spool.write(chunk)
        size = spool.tell()
        _check_zip(spool)
        spool.seek(0)
        name = default_storage.save(f"{job_dir(job)}/a{job.attempts}-{filename}", File(spool))
    try:
        with default_storage.open(name, "rb") as stored:
            _check_zip(stored)
        if default_storage.size(name) != size:
            raise zipfile.BadZipFile(f"stored {default_storage.size(name)} of {size} bytes")
    except BaseException:
        delete_result(name)
        raise
    return name


def _check_zip(binary):
    binary.seek(0)
    with zipfile.ZipFile(binary) as archive:
        broken = archive.testzip()
    if broken is not None:
        raise zipfile.BadZipFile(f"entry {broken} is damaged")


def delete_result(name):
    if name:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("Could not delete %s from storage", name, exc_info=True)


def open_result(job):
    """``(file, size)`` of the job's verified file, read from storage.

    Raises StorageUnavailable with a message for the person if storage fails."""
    try:
        return default_storage.open(job.result_file, "rb"), default_storage.size(job.result_file)
    except FileNotFoundError as error:
        raise StorageUnavailable("The file of this job is no longer in storage.") from error
    except Exception as error:  # any storage backend's connection error
        logger.warning("Storage failed for %s", job.result_file, exc_info=True)
        raise StorageUnavailable(
            "File storage is not answering right now; nothing was lost. Try again in a minute."
        ) from error
