"""Text out of an uploaded file, for the search index. No Django here: the task runs
this module as a separate process (``python extract.py PATH EXTENSION MAX_CHARS``)
under memory, CPU and wall-clock limits, so a hostile file can cost at most that
process. Text goes to stdout (UTF-8); a refusal exits with REFUSED and says why on
stderr.

Zip-based formats (DOCX, XLSX, PPTX, ODF) are checked before they are opened: the
sum of their members' sizes and each member's compression ratio must be sensible,
so a zip bomb dressed as a DOCX is refused without inflating it.

Each format's parser (pypdf, python-docx, openpyxl, ...) is imported inside its own
reader: the process loads only the library its one file needs.
"""

import csv
import email
import email.policy
import html.parser
import io
import re
import sys
import zipfile

REFUSED = 3
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_RATIO = 200
ZIP_FORMATS = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}
TEXT_FORMATS = {"txt", "text", "log", "md", "markdown", "rst", "json", "yaml", "yml", "tsv"}


class Refused(Exception):
    """The file is not read: encrypted, corrupt, too big once inflated, unknown."""


class _Collector:
    """Collects text pieces up to ``limit`` characters, then stops the reader."""

    def __init__(self, limit):
        self.limit = limit
        self.parts = []
        self.size = 0

    def add(self, text):
        text = (text or "").strip()
        if not text:
            return
        self.parts.append(text[: self.limit - self.size])
        self.size += len(self.parts[-1]) + 1
        if self.size >= self.limit:
            raise _Full

    def text(self):
        return "\n".join(self.parts)


class _Full(Exception):
    pass


def check_zip(path):
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise Refused(f"not a valid zip container: {error}") from None
    total = sum(member.file_size for member in members)
    if total > MAX_UNZIPPED_BYTES:
        raise Refused(f"would inflate to {total} bytes (limit {MAX_UNZIPPED_BYTES})")
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_ZIP_RATIO * max(
            member.compress_size, 1
        ):
            raise Refused(f"{member.filename} is compressed {MAX_ZIP_RATIO}x or more")


def _pdf(path, out):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Refused("encrypted PDF")
        for page in reader.pages:
            out.add(page.extract_text())
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise Refused(f"unreadable PDF: {error}") from None


def _docx(path, out):
    import docx

    document = docx.Document(path)
    for paragraph in document.paragraphs:
        out.add(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            out.add(" ".join(cell.text for cell in row.cells))


def _xlsx(path, out):
    import openpyxl

    # A file object: openpyxl judges a path by its extension, and stored names have none.
    with open(path, "rb") as handle:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        for sheet in workbook.worksheets:
            out.add(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                out.add(" ".join(str(value) for value in row if value is not None))


def _pptx(path, out):
    import pptx

    for slide in pptx.Presentation(path).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.add(shape.text_frame.text)


def _odf(path, out):
    from odf import teletype, text
    from odf.opendocument import load

    document = load(path)
    for element in document.getElementsByType(text.H) + document.getElementsByType(text.P):
        out.add(teletype.extractText(element))


def _read_text(path, max_chars):
    with open(path, "rb") as handle:
        raw = handle.read(max_chars * 4)
    return raw.decode("utf-8", errors="replace")


def _plain(path, out):
    out.add(_read_text(path, out.limit))


def _markdown(path, out):
    text = _read_text(path, out.limit)
    out.add(re.sub(r"[#*_`>|~]+|\[|\]\([^)]*\)", " ", text))


def _csv(path, out):
    for row in csv.reader(io.StringIO(_read_text(path, out.limit))):
        out.add(" ".join(row))


class _HTMLText(html.parser.HTMLParser):
    SKIP = {"script", "style", "head", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skipping = [], 0

    def handle_starttag(self, tag, attrs):
        self._skipping += tag in self.SKIP

    def handle_endtag(self, tag):
        self._skipping -= tag in self.SKIP and self._skipping > 0

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def html_to_text(markup):
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def _html(path, out):
    out.add(html_to_text(_read_text(path, out.limit)))


def _eml(path, out):
    with open(path, "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    for header in ("subject", "from", "to", "cc"):
        out.add(str(message.get(header, "")))
    for part in message.walk():
        if part.get_content_maintype() != "text" or part.is_attachment():
            continue
        content = part.get_content()
        out.add(html_to_text(content) if part.get_content_subtype() == "html" else content)


READERS = {
    "pdf": _pdf,
    "docx": _docx,
    "xlsx": _xlsx,
    "xlsm": _xlsx,
    "pptx": _pptx,
    "odt": _odf,
    "ods": _odf,
    "odp": _odf,
    "md": _markdown,
    "markdown": _markdown,
    "csv": _csv,
    "html": _html,
    "htm": _html,
    "eml": _eml,
    **dict.fromkeys(TEXT_FORMATS - {"md", "markdown"}, _plain),
}


def extract(path, extension, max_chars):
    """The text of the file at ``path`` (read as ``extension``), at most ``max_chars``.
    Raises Refused."""
    reader = READERS.get(extension)
    if reader is None:
        raise Refused(f"no text reader for .{extension or '?'} files")
    if extension in ZIP_FORMATS:
        check_zip(path)
    out = _Collector(max_chars)
    try:
        reader(path, out)
    except _Full:
        pass
    except Refused:
        raise
    except Exception as error:  # noqa: BLE001 - any library failure means "unreadable"
        raise Refused(f"unreadable .{extension}: {type(error).__name__}: {error}") from None
    return out.text()


def main(argv):
    path, extension, max_chars = argv[1], argv[2], int(argv[3])
    try:
        text = extract(path, extension, max_chars)
    except Refused as error:
        sys.stderr.write(str(error)[:300])
        return REFUSED
    sys.stdout.buffer.write(text.encode("utf-8", errors="replace"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
