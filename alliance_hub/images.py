"""The one pixel limit for every image the app opens (profile photos, documents,
versions, mail attachments), checked from the header before any pixel is decoded.

A file of a few kilobytes can declare 400 megapixels: decoding it costs seconds of
CPU and gigabytes of memory. ``Image.open`` reads only the header, so the size is
known first; Pillow's own bomb check (an error at twice ``Image.MAX_IMAGE_PIXELS``)
is caught here too and gives the same message.
"""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

NOT_AN_IMAGE = (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError)


def max_pixels():
    return settings.IMAGE_MAX_PIXELS


def too_many_pixels_message(what, size=None):
    declared = f" ({size[0]} × {size[1]} pixels)" if size else ""
    return (
        f"{what} declares too many pixels{declared} to be processed safely. "
        f"Upload an image of at most {max_pixels() // 1_000_000} megapixels."
    )


def open_header(file, *, what="This image", error=ValidationError):
    """``file`` opened by Pillow with only its header read, or None if it is not an
    image Pillow knows. Raises ``error`` (a ValidationError class) with a message for
    the person when it declares more than ``IMAGE_MAX_PIXELS``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(file)
        except Image.DecompressionBombError:
            raise error(too_many_pixels_message(what)) from None
        except NOT_AN_IMAGE:
            return None
    width, height = image.size
    if width * height > max_pixels():
        image.close()
        raise error(too_many_pixels_message(what, image.size))
    return image
