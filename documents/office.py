"""An office file as plain data for its preview on the document page. No Django here:
documents/office_previews.py runs this module as a separate process
(``python office.py PATH EXTENSION``) under memory, CPU and wall-clock limits, after
the search extractor's zip-bomb check. JSON goes to stdout; the page renders it with
autoescaping, so no HTML from the file ever reaches the browser. Macros are never
run: the libraries only read XML. Each format's library is imported inside its reader,
so the process loads only the one its file needs.

Shapes: ``{"kind": "document", "blocks": [[tag, text] or ["table", rows]]}``,
``{"kind": "sheets", "sheets": [{"name", "rows", "truncated"}]}``,
``{"kind": "slides", "slides": [{"title", "lines"}]}``.
"""

import json
import sys

REFUSED = 3
MAX_BLOCKS = 400
MAX_CHARS = 100_000
MAX_SHEETS = 5
MAX_ROWS = 100
MAX_COLUMNS = 20
MAX_SLIDES = 60
MAX_CELL = 200


class _Budget:
    """Stops a reader once the preview holds ``MAX_CHARS`` characters."""

    def __init__(self):
        self.chars = 0

    def take(self, text):
        text = " ".join(str(text or "").split())[:2000]
        self.chars += len(text)
        return text

    @property
    def spent(self):
        return self.chars >= MAX_CHARS


def _heading_level(style_name):
    """The page's heading level for a Word style: the page's own <h1> is the document's
    title, so "Title" and "Heading 1" become <h2>, "Heading 2" <h3>, down to <h5>."""
    name = (style_name or "").lower()
    if name == "title":
        return 2
    if name.startswith("heading ") and name[8:].isdigit():
        return min(max(int(name[8:]), 1) + 1, 5)
    return 0


def _docx(path, budget):
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(path)
    blocks = []
    for item in document.iter_inner_content():
        if len(blocks) >= MAX_BLOCKS or budget.spent:
            break
        if isinstance(item, Paragraph):
            text = budget.take(item.text)
            if text:
                level = _heading_level(item.style.name if item.style else "")
                blocks.append([f"h{level}" if level else "p", text])
        elif isinstance(item, Table):
            rows = [
                [budget.take(cell.text)[:MAX_CELL] for cell in row.cells[:MAX_COLUMNS]]
                for row in item.rows[:MAX_ROWS]
            ]
            blocks.append(["table", rows])
    return {"kind": "document", "blocks": blocks}


def _xlsx(path, budget):
    import openpyxl

    with open(path, "rb") as handle:  # a file object: stored names have no extension
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        sheets = []
        for sheet in workbook.worksheets[:MAX_SHEETS]:
            rows, truncated = [], False
            for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1):
                if len(rows) == MAX_ROWS or budget.spent:
                    truncated = True
                    break
                cells = ["" if v is None else budget.take(v)[:MAX_CELL] for v in row]
                rows.append(cells[:MAX_COLUMNS])
                truncated = truncated or len(cells) > MAX_COLUMNS
            sheets.append({"name": sheet.title, "rows": _trim(rows), "truncated": truncated})
    return {"kind": "sheets", "sheets": sheets}


def _trim(rows):
    """Drop empty trailing columns and rows (spreadsheets report their used range)."""
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((i + 1 for row in rows for i, v in enumerate(row) if v), default=0)
    return [row[:width] for row in rows]


def _pptx(path, budget):
    import pptx

    slides = []
    for slide in list(pptx.Presentation(path).slides)[:MAX_SLIDES]:
        title_shape = slide.shapes.title
        title = budget.take(title_shape.text_frame.text) if title_shape is not None else ""
        lines = [
            budget.take(paragraph.text)
            for shape in slide.shapes
            if shape.has_text_frame and shape != title_shape
            for paragraph in shape.text_frame.paragraphs
        ]
        slides.append({"title": title, "lines": [line for line in lines if line][:40]})
        if budget.spent:
            break
    return {"kind": "slides", "slides": slides}


def _odf_text(element):
    from odf import teletype

    return teletype.extractText(element)


def _odt(path, budget):
    from odf import table
    from odf.namespaces import TABLENS, TEXTNS
    from odf.opendocument import load

    blocks = []
    for element in load(path).text.childNodes:
        if len(blocks) >= MAX_BLOCKS or budget.spent:
            break
        if element.qname == (TEXTNS, "h"):
            blocks.append(["h2", budget.take(_odf_text(element))])
        elif element.qname == (TEXTNS, "p"):
            line = budget.take(_odf_text(element))
            if line:
                blocks.append(["p", line])
        elif element.qname == (TABLENS, "table"):
            rows = [
                [budget.take(_odf_text(c))[:MAX_CELL] for c in r.getElementsByType(table.TableCell)]
                for r in element.getElementsByType(table.TableRow)[:MAX_ROWS]
            ]
            blocks.append(["table", [row[:MAX_COLUMNS] for row in rows]])
    return {"kind": "document", "blocks": blocks}


def _ods(path, budget):
    from odf import table
    from odf.opendocument import load

    sheets = []
    for sheet in load(path).spreadsheet.getElementsByType(table.Table)[:MAX_SHEETS]:
        rows = []
        all_rows = sheet.getElementsByType(table.TableRow)
        for row in all_rows[:MAX_ROWS]:
            cells = [
                budget.take(_odf_text(c))[:MAX_CELL] for c in row.getElementsByType(table.TableCell)
            ]
            rows.append(cells[:MAX_COLUMNS])
        name = sheet.getAttribute("name") or "Sheet"
        sheets.append({"name": name, "rows": _trim(rows), "truncated": len(all_rows) > MAX_ROWS})
    return {"kind": "sheets", "sheets": sheets}


def _odp(path, budget):
    from odf import draw, text
    from odf.opendocument import load

    slides = []
    for page in load(path).presentation.getElementsByType(draw.Page)[:MAX_SLIDES]:
        lines = [budget.take(_odf_text(p)) for p in page.getElementsByType(text.P)]
        lines = [line for line in lines if line]
        title = lines[0] if lines else ""
        slides.append({"title": title, "lines": lines[1:40]})
        if budget.spent:
            break
    return {"kind": "slides", "slides": slides}


RENDERERS = {
    "docx": _docx,
    "odt": _odt,
    "xlsx": _xlsx,
    "xlsm": _xlsx,
    "ods": _ods,
    "pptx": _pptx,
    "odp": _odp,
}


def main(argv):
    path, extension = argv[1], argv[2]
    try:
        data = RENDERERS[extension](path, _Budget())
    except Exception as error:  # noqa: BLE001 - any library failure means "no preview"
        sys.stderr.write(f"unreadable .{extension}: {type(error).__name__}: {error}"[:300])
        return REFUSED
    sys.stdout.write(json.dumps(data))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
