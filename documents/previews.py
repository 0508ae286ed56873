"""Text previews of text-like versions (plain text, Markdown, CSV), and diffs of
versions that have text (those, and DOCX/ODT).

Everything here returns plain strings that templates escape; nothing is rendered
as HTML.
"""

import csv
import io

from alliance_hub.textdiff import bounded_diff
from search.models import ExtractedText
from search.tasks import extract_file_text

from . import files

CSV_PREVIEW_ROWS = 200
DIFF_BYTES = 1024 * 1024


def text_preview(version):
    """``{"kind", "text" or "rows", "truncated"}`` for a text-like version, else None."""
    if version is None or not version.is_textual:
        return None
    try:
        text, truncated = files.read_text(version.file.name)
    except Exception:  # missing, or storage not answering: the page serves without a preview
        return None
    if version.preview == version.Preview.CSV:
        delimiter = "\t" if files.extension(version.original_name) == "tsv" else ","
        rows = []
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            if len(rows) == CSV_PREVIEW_ROWS:
                truncated = True
                break
            rows.append(row)
        return {"kind": "csv", "rows": rows, "truncated": truncated}
    return {"kind": "text", "text": text, "truncated": truncated}


class TextNotReady(Exception):
    """A version's text cannot be compared (yet); the message says why, for people."""


def _extracted_texts(versions):
    """``{file name: text}`` of word processor files, from the text the search app
    extracts (one home for reading DOCX/ODT: once per stored file, under limits, in
    the background). Raises TextNotReady, having asked for what is missing."""
    names = {version.file.name: version for version in versions}
    records = ExtractedText.objects.in_bulk(list(names), field_name="file_name")
    missing = [version for name, version in names.items() if name not in records]
    for version in missing:
        extract_file_text.enqueue(version.file.name, version.extension)
    if missing:
        numbers = " and ".join(str(version.number) for version in missing)
        raise TextNotReady(
            f"The text of version {numbers} is still being read. Reload this page in a minute."
        )
    for name, record in records.items():
        if not record.ok:
            raise TextNotReady(f"The text of version {names[name].number} could not be read.")
    return {name: record.text for name, record in records.items()}


def version_diff(old, new):
    """A word-level ``TextDiff`` of two comparable versions. Raises TextNotReady."""
    texts = _extracted_texts([v for v in (old, new) if not v.is_textual])

    def text_of(version):
        if version.is_textual:
            return files.read_text(version.file.name, limit=DIFF_BYTES)[0]
        return texts[version.file.name]

    return bounded_diff(text_of(old), text_of(new))
