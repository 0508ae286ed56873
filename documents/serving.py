"""Sending stored files: as attachments, with a single-range HTTP Range support,
or handed to the web server (X-Accel-Redirect / X-Sendfile) when SENDFILE_MODE says so.

Django's FileResponse streams but ignores Range; the small parser below covers
what browsers and download managers send (one range; RFC 9110 lets a server
ignore multi-range requests and answer 200 with the whole file).
"""

import re
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse, StreamingHttpResponse
from django.utils._os import safe_join

from alliance_hub import filestore
from alliance_hub.params import optional_int

RANGE_RE = re.compile(r"^bytes=([0-9]*)-([0-9]*)$")
UNSATISFIABLE = "unsatisfiable"


def parse_range(header, size):
    """``None`` (send everything), ``(first, last)`` inclusive, or ``UNSATISFIABLE``."""
    if not header:
        return None
    match = RANGE_RE.match(header.strip().replace(" ", ""))
    if not match:
        return None  # malformed or several ranges: ignore the header
    first, last = (optional_int(n, name="Range", minimum=0) for n in match.groups())
    if first is None and last is None:
        return None
    if first is None:  # the final N bytes
        length = last
        if length == 0 or size == 0:
            return UNSATISFIABLE
        return max(size - length, 0), size - 1
    start = first
    if last is not None and last < start:
        return None  # invalid: ignore the header
    if start >= size:
        return UNSATISFIABLE
    end = min(last, size - 1) if last is not None else size - 1
    return start, end


def content_disposition(filename, inline=False):
    """``attachment; filename="ascii"; filename*=UTF-8''...`` safe for any name."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r"[^A-Za-z0-9 ._()-]", "_", ascii_name).strip() or "download"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def file_response(request, *, name, size, content_type, filename, etag, inline=False, csp=None):
    """The response that sends stored file ``name``; ``etag`` is its SHA-256."""
    mode = settings.SENDFILE_MODE
    quoted_etag = f'"{etag}"'
    if mode in ("x-accel-redirect", "x-sendfile"):
        response = HttpResponse(content_type=content_type)
        if mode == "x-accel-redirect":
            response["X-Accel-Redirect"] = settings.SENDFILE_URL_PREFIX + quote(name)
        else:
            root = settings.SENDFILE_ROOT or settings.MEDIA_ROOT
            response["X-Sendfile"] = safe_join(root, name)
    elif mode == "":
        response = _streaming_response(request, name, size, content_type, quoted_etag)
    else:
        raise ImproperlyConfigured("SENDFILE_MODE must be '', 'x-accel-redirect' or 'x-sendfile'.")
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = csp or "default-src 'none'; sandbox"
    response["ETag"] = quoted_etag
    response["Cache-Control"] = "private, no-cache"
    return response


def _streaming_response(request, name, size, content_type, quoted_etag):
    wanted = parse_range(request.headers.get("Range"), size)
    if_range = request.headers.get("If-Range")
    if if_range and if_range.strip() != quoted_etag:
        wanted = None  # the client's partial copy is of another file: send all of it
    if wanted == UNSATISFIABLE:
        response = HttpResponse(status=416, content_type="text/plain")
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response
    start, end = wanted if wanted else (0, size - 1)
    length = max(end - start + 1, 0)
    if request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
    else:
        chunks = filestore.open_range(name, start, length)
        response = StreamingHttpResponse(chunks, content_type=content_type)
    if wanted:
        response.status_code = 206
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    return response
