"""Reading and writing stored files, the same on local disk and on S3.

Everything goes through Django's storage API (``default_storage``) and never through
``.path()``: on S3 there is no path. Two things the plain API does badly on S3 are
done here, in one place:

- reading part of a file: django-storages' ``open()`` downloads the whole object
  to a temporary file before the first byte; ``open_range`` asks S3 for the bytes
  wanted (an HTTP Range GET) and streams them;
- failing clearly: any storage outage (disk full, S3 unreachable or refusing)
  becomes ``StorageError``, a ValidationError whose message is for the person, so
  the services that save files roll back and record nothing as uploaded.
"""

import contextlib
import logging

from botocore.exceptions import BotoCoreError, ClientError
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

logger = logging.getLogger(__name__)
CHUNK_SIZE = 64 * 1024
OUTAGE = (OSError, BotoCoreError, ClientError)
MISSING_S3_CODES = {"NoSuchKey", "404", "NotFound"}


class StorageError(ValidationError):
    """File storage failed; the message says so to the person, nothing was kept."""


UPLOAD_FAILED = (
    "File storage is not answering right now, so nothing was uploaded. "
    "Please try again in a minute."
)
READ_FAILED = "File storage is not answering right now. Please try again in a minute."


def save(name, content):
    """Store ``content`` under ``name`` (or a free variant); returns the name used.
    Raises StorageError if storage fails (anything half-written is removed)."""
    try:
        return default_storage.save(name, content)
    except OUTAGE as error:
        logger.warning("Storage failed saving %s", name, exc_info=True)
        with contextlib.suppress(*OUTAGE):
            default_storage.delete(name)
        raise StorageError(UPLOAD_FAILED) from error


def delete_quietly(name):
    """Delete a stored file; one already gone, or storage failing, is logged, not raised
    (``manage.py documents_sweep`` removes what is left unreferenced)."""
    try:
        default_storage.delete(name)
    except FileNotFoundError:
        pass
    except OUTAGE:
        logger.warning("Storage failed deleting %s", name, exc_info=True)


def _is_s3(storage):
    return hasattr(storage, "bucket_name") and hasattr(storage, "connection")


def open_range(name, start=0, length=None):
    """The stored file's bytes ``start`` .. ``start + length`` (to the end if None), as
    an iterator of chunks. The file is opened now, so a missing file raises
    FileNotFoundError and unreachable storage StorageError before a response starts."""
    try:
        if _is_s3(default_storage):
            return _s3_range(default_storage, name, start, length)
        return _local_range(default_storage.open(name, "rb"), start, length)
    except FileNotFoundError:
        raise
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code")
        if code in MISSING_S3_CODES:
            raise FileNotFoundError(name) from error
        if code == "InvalidRange":  # S3's answer for any range of an empty object
            return iter(())
        logger.warning("Storage failed reading %s", name, exc_info=True)
        raise StorageError(READ_FAILED) from error
    except OUTAGE as error:
        logger.warning("Storage failed reading %s", name, exc_info=True)
        raise StorageError(READ_FAILED) from error


def _s3_range(storage, name, start, length):
    if length == 0:
        return iter(())
    wanted = f"bytes={start}-" if length is None else f"bytes={start}-{start + length - 1}"
    key = storage._normalize_name(name)  # the object key, with the storage's location
    body = storage.connection.meta.client.get_object(
        Bucket=storage.bucket_name, Key=key, Range=wanted
    )["Body"]
    return _closing(body, body.iter_chunks(CHUNK_SIZE))


def _local_range(handle, start, length):
    handle.seek(start)

    def chunks():
        remaining = length
        while remaining is None or remaining > 0:
            data = handle.read(CHUNK_SIZE if remaining is None else min(CHUNK_SIZE, remaining))
            if not data:
                break
            if remaining is not None:
                remaining -= len(data)
            yield data

    return _closing(handle, chunks())


def _closing(resource, chunks):  # a generator: has close(), closes ``resource`` when done
    try:
        yield from chunks
    finally:
        resource.close()


class ChunkReader:
    """A read-only file over ``open_range`` chunks, for APIs that want ``read()``
    (FileResponse): it streams, never downloading the whole object first."""

    def __init__(self, chunks):
        self._chunks = chunks
        self._buffer = b""

    def read(self, size=-1):
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, b"")
            if not chunk:
                break
            self._buffer += chunk
        if size < 0:
            size = len(self._buffer)
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def close(self):
        self._chunks.close()


def open_file(name):
    """The stored file as a streaming read-only file (raises like ``open_range``)."""
    return ChunkReader(open_range(name))


def listdir(directory):
    """``(subdirectories, files)`` under ``directory``; empty if there is none. (On S3
    a "directory" is a key prefix: ``exists()`` is False for it, ``listdir`` works.)"""
    try:
        return default_storage.listdir(directory)
    except FileNotFoundError:
        return [], []


def read_bytes(name, limit):
    """At most ``limit`` bytes from the start of a stored file."""
    return b"".join(open_range(name, 0, limit))


def probe():
    """True if storage answers (for /healthz): one existence check of a fixed name."""
    try:
        default_storage.exists("healthz-probe")
    except OUTAGE:
        logger.warning("Storage probe failed", exc_info=True)
        return False
    return True
