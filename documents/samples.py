"""Small real files for the demo and the tests: a PNG drawn with Pillow and a
one-page PDF written by hand (valid xref table, standard Helvetica font)."""

import io

from PIL import Image, ImageDraw


def png_bytes(title="Chart", size=(480, 270), colour=(29, 95, 167), bars=(3, 5, 4, 7, 6)):
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.text((16, 12), title, fill=(20, 35, 58))
    width = (size[0] - 40) // max(len(bars), 1)
    top = max(bars) or 1
    for index, value in enumerate(bars):
        height = int((size[1] - 60) * value / top)
        left = 20 + index * width
        draw.rectangle(
            [left + 6, size[1] - 20 - height, left + width - 6, size[1] - 20], fill=colour
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _pdf_escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(lines=("Alliance Hub",)):
    text = (
        "BT /F1 14 Tf 72 760 Td 18 TL "
        + " ".join(f"({_pdf_escape(line)}) Tj T*" for line in lines)
        + " ET"
    )
    stream = text.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()
