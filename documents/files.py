"""Storing, identifying and reading uploaded files.

Files go through Django's storage API under names generated here
(``documents/<2 hex>/<32 hex>``), never the uploaded name. What a file *is* is
decided from its bytes (PDF signature, Pillow for images, UTF-8 for text), not
from what the browser claimed.
"""

import codecs
import contextlib
import hashlib
import logging
import mimetypes
import re
import unicodedata
import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

logger = logging.getLogger(__name__)

STORAGE_PREFIX = "documents/"
HEAD_BYTES = 8192
TEXT_PREVIEW_BYTES = 256 * 1024

# Pillow formats we re-serve inline, with the content type we send for them.
INLINE_IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}
INLINE_IMAGE_TYPES["WEBP"] = "image/webp"
TEXT_TYPES = {
    "txt": "text/plain",
    "text": "text/plain",
    "log": "text/plain",
    "md": "text/markdown",
    "markdown": "text/markdown",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "json": "application/json",
    "yaml": "text/plain",
    "yml": "text/plain",
    "ini": "text/plain",
    "rst": "text/plain",
}
CSV_EXTENSIONS = {"csv", "tsv"}
# Types a download may carry; anything else (HTML, SVG, XML, scripts...) goes out as
# application/octet-stream. Downloads are attachments with nosniff regardless.
SAFE_DOWNLOAD_TYPES = {
    "application/pdf",
    "application/zip",
    "application/json",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "text/plain",
    "text/csv",
    "text/markdown",
    "text/tab-separated-values",
}
SAFE_DOWNLOAD_PREFIXES = (
    "application/vnd.openxmlformats-officedocument.",
    "application/vnd.oasis.opendocument.",
)


def clean_filename(name):
    """The uploaded name reduced to a safe display name: no path, no control characters."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name[:255] or "file"


def extension(name):
    suffix = PurePosixPath(name).suffix.lower().lstrip(".")
    return suffix if re.fullmatch(r"[a-z0-9]{1,10}", suffix) else ""


def title_from_filename(name):
    stem = PurePosixPath(name).stem if extension(name) else name
    return re.sub(r"[_]+", " ", stem).strip()[:200] or "Untitled"


class FileFacts:
    """What we learnt from reading an upload once: hash, size, type and preview kind."""

    def __init__(self, *, sha256, size, content_type, preview, file_type):
        self.sha256 = sha256
        self.size = size
        self.content_type = content_type
        self.preview = preview
        self.file_type = file_type


def examine(file, original_name):
    """Hash ``file`` in chunks (never whole in memory) and identify it."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    for chunk in file.chunks():
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        digest.update(chunk)
        size += len(chunk)
    content_type, preview = _identify(file, original_name, head)
    return FileFacts(
        sha256=digest.hexdigest(),
        size=size,
        content_type=content_type,
        preview=preview,
        file_type=extension(original_name) or _type_from_content(content_type),
    )


def _identify(file, original_name, head):
    ext = extension(original_name)
    if head.startswith(b"%PDF-"):
        return "application/pdf", "pdf"
    image_type = _image_type(file)
    if image_type:
        return image_type, "image"
    if ext in TEXT_TYPES and _looks_like_utf8_text(head):
        return TEXT_TYPES[ext], "csv" if ext in CSV_EXTENSIONS else "text"
    guessed = mimetypes.guess_type(f"x.{ext}")[0] if ext else None
    return guessed or "application/octet-stream", ""


def _image_type(file):
    try:
        file.seek(0)
        with Image.open(file) as image:
            return INLINE_IMAGE_TYPES.get(image.format)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    finally:
        file.seek(0)


def _looks_like_utf8_text(head):
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _type_from_content(content_type):
    return {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(
        content_type, "file"
    )


def download_content_type(content_type):
    if content_type in SAFE_DOWNLOAD_TYPES or content_type.startswith(SAFE_DOWNLOAD_PREFIXES):
        if content_type.startswith("text/"):
            return f"{content_type}; charset=utf-8"
        return content_type
    return "application/octet-stream"


STORAGE_DOWN = "File storage is not answering right now, so nothing was uploaded. Try again."


def store(file):
    """Save ``file`` under a fresh generated name; returns the name storage used.

    Raises ValidationError with a clear message if storage fails (the caller's
    transaction then records nothing)."""
    key = uuid.uuid4().hex
    file.seek(0)
    try:
        return default_storage.save(f"{STORAGE_PREFIX}{key[:2]}/{key}", file)
    except Exception as error:  # any storage backend's error (disk, network, S3)
        logger.warning("Storage failed while saving an upload", exc_info=True)
        raise ValidationError(STORAGE_DOWN) from error


def delete_quietly(names):
    """Delete stored files; a file already gone is not an error."""
    for name in names:
        with contextlib.suppress(FileNotFoundError):
            default_storage.delete(name)


def read_text(name, limit=TEXT_PREVIEW_BYTES):
    """The first ``limit`` bytes of a stored text file, decoded; returns (text, truncated)."""
    with default_storage.open(name, "rb") as handle:
        data = handle.read(limit + 1)
    truncated = len(data) > limit
    return data[:limit].decode("utf-8", errors="replace"), truncated
