"""Image files for the profile tests, made with Pillow (and a little byte surgery)."""

import io
import struct
import zlib

from PIL import Image


def image_bytes(fmt="JPEG", size=(640, 480), colour=(30, 120, 200), **save_kwargs):
    buffer = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" and save_kwargs.pop("alpha", False) else "RGB"
    Image.new(mode, size, colour).save(buffer, fmt, **save_kwargs)
    return buffer.getvalue()


def png_declaring(width, height):
    """A tiny valid PNG whose header claims ``width`` x ``height`` pixels (a pixel flood)."""
    data = bytearray(image_bytes("PNG", size=(1, 1)))
    # IHDR: length (4) at 8, type (4) at 12, width/height at 16/20, CRC over type+data at 29.
    data[16:20] = struct.pack(">I", width)
    data[20:24] = struct.pack(">I", height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def edit_data(**overrides):
    """A valid POST for the profile edit form (the two required fields), plus ``overrides``."""
    return {"display_name": "Ada Lovelace", "digest_frequency": "weekly", **overrides}


def photo_upload(content, name="photo.jpg", content_type="image/jpeg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)
