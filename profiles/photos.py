"""Profile photos: check an upload, re-encode it cleanly, store square crops; initials avatars.

The upload is never stored as sent. It must really be a JPEG, PNG or WebP
(sniffed from the content, never the file name), below a byte and a pixel limit
(a small file can declare 50000x50000 pixels and exhaust memory when decoded).
It is turned upright from its EXIF orientation, copied pixel by pixel into a new
image (so no EXIF, GPS, ICC or text chunk survives) and saved as JPEG square
crops of a few sizes under generated names.
"""

import hashlib
import io
import secrets
import struct
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.html import escape
from PIL import Image, ImageOps

from alliance_hub import filestore
from alliance_hub.images import NOT_AN_IMAGE, open_header

# name -> edge in pixels; "small" is for lists, "medium" for the profile page.
SIZES = {"small": 48, "medium": 160, "large": 512}
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
STORAGE_DIR = "profile-photos"


def max_bytes():
    return getattr(settings, "PROFILE_PHOTO_MAX_BYTES", 5 * 1024 * 1024)


class PhotoRejected(ValidationError):
    """The upload is not a photo we accept; the message says why, for the person."""


@dataclass(frozen=True)
class ProcessedPhoto:
    crops: dict  # size name -> JPEG bytes


def _read_limited(upload):
    limit = max_bytes()
    if upload.size is not None and upload.size > limit:
        raise PhotoRejected(_too_big_message(upload.size))
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise PhotoRejected(_too_big_message(len(data)))
    if not data:
        raise PhotoRejected("The file is empty. Choose a JPEG, PNG or WebP photo.")
    return data


def _too_big_message(size):
    return (
        f"The photo is too large ({size / 1024 / 1024:.1f} MB). "
        f"Upload at most {max_bytes() / 1024 / 1024:.0f} MB."
    )


def _open_checked(data):
    """Open ``data`` as an image after checking format, dimensions and integrity.

    The pixel limit (alliance_hub.images) is checked from the header before any
    pixel is decoded; the decoded image is scaled down at once to what the crops need.
    """
    probe = open_header(io.BytesIO(data), what="This photo", error=PhotoRejected)
    if probe is None:
        raise PhotoRejected(
            "This file is not an image we can read. Choose a JPEG, PNG or WebP photo."
        )
    try:
        with probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise PhotoRejected(
                    f"Only JPEG, PNG and WebP photos are accepted; this file is "
                    f"{probe.format or 'of another type'}."
                )
            probe.verify()
        image = Image.open(io.BytesIO(data))
        # JPEG scales down while decoding (far less memory); the others right after.
        image.draft("RGB", (SIZES["large"] * 2, SIZES["large"] * 2))
        image.load()
        image.thumbnail((SIZES["large"] * 2, SIZES["large"] * 2))
    except PhotoRejected:
        raise
    except (*NOT_AN_IMAGE, struct.error):
        raise PhotoRejected(
            "This file is not a readable image (it may be damaged or cut short). "
            "Choose a JPEG, PNG or WebP photo."
        ) from None
    return image


def _flatten_to_rgb(image):
    """An RGB image without transparency (transparent areas become white)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _pixels_only(image):
    """A fresh image with the same pixels and nothing else: no EXIF, GPS, ICC or text."""
    return Image.frombytes("RGB", image.size, image.tobytes())


def check_photo(upload):
    """The upload's bytes if it is a photo we accept (format, size, pixels, integrity:
    decoded, at reduced scale for a JPEG), so a bad file is refused in the request.
    The crops are made later (``process_photo``, from a task). Raises PhotoRejected."""
    data = _read_limited(upload)
    _open_checked(data).close()
    return data


def process_photo(upload):
    """Check and re-encode an uploaded file; raises PhotoRejected with a clear message."""
    image = _open_checked(_read_limited(upload))
    try:
        upright = ImageOps.exif_transpose(image)
        clean = _pixels_only(_flatten_to_rgb(upright))
    except (OSError, ValueError, SyntaxError) as error:
        raise PhotoRejected("This image could not be processed. Try another photo.") from error
    crops = {}
    for name, edge in SIZES.items():
        square = ImageOps.fit(clean, (edge, edge), Image.Resampling.LANCZOS, centering=(0.5, 0.5))
        buffer = io.BytesIO()
        square.save(buffer, "JPEG", quality=86, optimize=True, progressive=edge > 100)
        crops[name] = buffer.getvalue()
    return ProcessedPhoto(crops=crops)


def store_photo(processed, *, user_id):
    """Save the crops through the default storage under fresh random names.

    Returns ``(files, version)``: size name -> storage name, and the random version.
    """
    version = secrets.token_hex(8)
    files = {}
    for name, content in processed.crops.items():
        wanted = f"{STORAGE_DIR}/{user_id}/{version}-{name}.jpg"
        try:
            files[name] = filestore.save(wanted, ContentFile(content))
        except filestore.StorageError:
            delete_photo_files(files)
            raise
    return files, version


def store_original(data, *, user_id):
    """Keep a checked upload until its crops are made; returns its storage name."""
    wanted = f"{STORAGE_DIR}/{user_id}/pending-{secrets.token_hex(8)}.upload"
    return filestore.save(wanted, ContentFile(data))


def delete_original(name):
    if name:
        filestore.delete_quietly(name)


def delete_photo_files(files):
    for name in (files or {}).values():
        filestore.delete_quietly(name)


# Initials avatars ---------------------------------------------------------------------


def _printable(text):
    """Without control characters: XML does not allow them at all, escaped or not."""
    return "".join(char for char in text or "" if char.isprintable())


def initials(name):
    """Up to two capital letters: first and last word ("Pieter de Vries" -> "PV")."""
    words = [word for word in _printable(name).replace("@", " ").split() if word[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


# Initials avatars take one of these colours, each dark enough for white initials
# (contrast 5.3:1 or more). app.css has a matching .avatar-c<i> class per colour:
# inline styles are not allowed under the Content-Security-Policy.
AVATAR_PALETTE = (
    "#1d5fa7", "#7a3e9d", "#b3261e", "#1f7a4d", "#8a5a00", "#0f6e75", "#a0306b", "#4a5a8a",
    "#5c6b1f", "#9c4221", "#2f4f4f", "#6b46c1", "#b2400c", "#0b7285", "#5f3dc4", "#86198f",
)  # fmt: skip


def avatar_colour_index(name):
    """The person's place in AVATAR_PALETTE, derived from their name: the same on every
    page and every server, with no column to store."""
    digest = hashlib.sha256(f"avatar:{_printable(name)}".encode()).digest()
    return digest[0] % len(AVATAR_PALETTE)


def avatar_colour(name):
    return AVATAR_PALETTE[avatar_colour_index(name)]


def avatar_svg(*, name, size=SIZES["medium"]):
    """An SVG square with the person's initials; every piece of text is escaped."""
    name = _printable(name)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{int(size)}" height="{int(size)}" '
        f'viewBox="0 0 100 100" role="img" aria-label="{escape(name)}">'
        f'<rect width="100" height="100" fill="{avatar_colour(name)}"/>'
        '<text x="50" y="50" dy=".35em" text-anchor="middle" fill="#fff" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" '
        f'font-size="42" font-weight="600">{escape(initials(name))}</text></svg>'
    )
