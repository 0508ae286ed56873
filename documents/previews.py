"""Text previews and diffs of text-like versions (plain text, Markdown, CSV).

Everything here returns plain strings that templates escape; nothing is rendered
as HTML.
"""

import csv
import difflib
import io

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


def diff_lines(old, new):
    """A unified diff of two text-like versions as ``[(css_class, line)]``."""
    old_text, _ = files.read_text(old.file.name, limit=DIFF_BYTES)
    new_text, _ = files.read_text(new.file.name, limit=DIFF_BYTES)
    diff = difflib.unified_diff(
        old_text.splitlines(),
        new_text.splitlines(),
        fromfile=f"version {old.number}",
        tofile=f"version {new.number}",
        lineterm="",
    )
    lines = []
    for line in diff:
        if line.startswith(("+++", "---")):
            css = "diff-file"
        elif line.startswith("@@"):
            css = "diff-hunk"
        elif line.startswith("+"):
            css = "diff-add"
        elif line.startswith("-"):
            css = "diff-del"
        else:
            css = "diff-context"
        lines.append((css, line))
    return lines
