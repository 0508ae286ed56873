"""Small real files for the demo and the tests: a PNG drawn with Pillow and a
one-page PDF written by hand (valid xref table, standard Helvetica font). The office
libraries are imported by the function that needs them (the demo rarely does)."""

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


def docx_bytes(paragraphs=("Alliance Hub",), table=()):
    """A Word document with ``paragraphs`` and an optional table (rows of cells)."""
    import docx

    document = docx.Document()
    for index, text in enumerate(paragraphs):
        if index == 0:
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, cells, strict=True):
                cell.text = str(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows=(("Alliance", "Hub"),), title="Sheet1"):
    """A workbook with one sheet of ``rows``."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pptx_bytes(slides=(("Alliance Hub", "One place for the whole alliance"),)):
    """A presentation with one title-and-content slide per ``(title, text)``."""
    import pptx

    presentation = pptx.Presentation()
    for title, text in slides:
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = text
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def odf_bytes(kind="text", paragraphs=("Alliance Hub",)):
    """An OpenDocument text, spreadsheet or presentation holding ``paragraphs``."""
    from odf import opendocument, table, text
    from odf.draw import Frame, Page, TextBox
    from odf.style import MasterPage, PageLayout

    if kind == "text":
        document = opendocument.OpenDocumentText()
        for line in paragraphs:
            document.text.addElement(text.P(text=line))
    elif kind == "spreadsheet":
        document = opendocument.OpenDocumentSpreadsheet()
        sheet = table.Table(name="Sheet1")
        for line in paragraphs:
            row = table.TableRow()
            cell = table.TableCell()
            cell.addElement(text.P(text=line))
            row.addElement(cell)
            sheet.addElement(row)
        document.spreadsheet.addElement(sheet)
    else:
        document = opendocument.OpenDocumentPresentation()
        layout = PageLayout(name="Layout")
        document.automaticstyles.addElement(layout)
        master = MasterPage(name="Master", pagelayoutname=layout)
        document.masterstyles.addElement(master)
        page = Page(masterpagename=master)
        frame = Frame(width="20cm", height="10cm", x="1cm", y="1cm")
        box = TextBox()
        for line in paragraphs:
            box.addElement(text.P(text=line))
        frame.addElement(box)
        page.addElement(frame)
        document.presentation.addElement(page)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()
