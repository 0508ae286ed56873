"""Readable diffs with word-level highlights: plain data, and its table rows as HTML
(``diff_rows_html``, for templates/diff/_diff.html, escapes every piece of text).

The one home of comparing texts: wiki revisions (on their rendered text, split into
blocks, or on the Markdown source) and document versions (text files, and DOCX/ODT
through the text the search app extracts). Work is bounded: each side is cut at
``MAX_DIFF_CHARS`` and the caller is told so.
"""

import difflib
import html.parser
import re
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import mark_safe

WORD_RE = re.compile(r"\s+|\w+|[^\w\s]")
MAX_DIFF_CHARS = 200_000
MAX_DIFF_LINES = 5_000


@dataclass
class DiffLine:
    kind: str  # "same", "added", "removed"
    old_number: int | None
    new_number: int | None
    # [(changed?, text)]; changed pieces are highlighted inside a changed line
    pieces: list = field(default_factory=list)


@dataclass
class DiffHunkGap:
    kind: str = "gap"
    skipped: int = 0


def _words(line):
    return WORD_RE.findall(line)


def _word_pieces(old, new):
    """Pieces of ``old`` and of ``new`` with the changed words flagged."""
    old_words, new_words = _words(old), _words(new)
    old_pieces, new_pieces = [], []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = tag != "equal"
        if i2 > i1:
            old_pieces.append((changed, "".join(old_words[i1:i2])))
        if j2 > j1:
            new_pieces.append((changed, "".join(new_words[j1:j2])))
    return old_pieces, new_pieces


def line_diff(old_text, new_text, context=3):
    """Lines of an inline diff: unchanged context, removed and added lines (changed lines
    paired for word highlights), with gaps for long unchanged runs."""
    old_lines = (old_text or "").splitlines()
    new_lines = (new_text or "").splitlines()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    rows, shown_up_to = [], 0
    for group in matcher.get_grouped_opcodes(context):
        first_line = group[0][1]
        if first_line > shown_up_to:
            rows.append(DiffHunkGap(skipped=first_line - shown_up_to))
        for tag, i1, i2, j1, j2 in group:
            rows.extend(_rows_for(tag, old_lines, new_lines, i1, i2, j1, j2))
        shown_up_to = group[-1][2]
    if rows and shown_up_to < len(old_lines):
        rows.append(DiffHunkGap(skipped=len(old_lines) - shown_up_to))
    return rows


def _rows_for(tag, old_lines, new_lines, i1, i2, j1, j2):
    if tag == "equal":
        return [
            DiffLine("same", i + 1, j + 1, [(False, old_lines[i])])
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
        ]
    removed = [DiffLine("removed", i + 1, None, [(True, old_lines[i])]) for i in range(i1, i2)]
    added = [DiffLine("added", None, j + 1, [(True, new_lines[j])]) for j in range(j1, j2)]
    if tag == "replace":
        for old_row, new_row in zip(removed, added, strict=False):
            old_row.pieces, new_row.pieces = _word_pieces(
                old_row.pieces[0][1], new_row.pieces[0][1]
            )
    return removed + added


def has_changes(rows):
    return any(getattr(row, "kind", "") in ("added", "removed") for row in rows)


@dataclass
class TextDiff:
    rows: list
    truncated: bool  # a side was longer than the cap: only its beginning was compared

    @property
    def changed(self):
        return has_changes(self.rows)


def _capped(text):
    text = text or ""
    lines = text[:MAX_DIFF_CHARS].splitlines()[:MAX_DIFF_LINES]
    cut = len(text) > MAX_DIFF_CHARS or len(lines) == MAX_DIFF_LINES
    return "\n".join(lines), cut


def bounded_diff(old_text, new_text):
    """A ``TextDiff`` of two texts, each cut at the caps first."""
    old, old_cut = _capped(old_text)
    new, new_cut = _capped(new_text)
    return TextDiff(line_diff(old, new), old_cut or new_cut)


BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "pre", "blockquote",
    "dt", "dd", "figcaption", "caption", "hr",
}  # fmt: skip


class _Blocks(html.parser.HTMLParser):
    """The text of sanitised HTML, one line per block (paragraph, heading, list item,
    table row...), so a diff reads like the page and not like its Markdown."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.current = [], []

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._flush()
        elif tag in ("td", "th") and self.current:
            self.current.append(" | ")
        elif tag == "br":
            self.current.append(" ")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        self.current.append(data)


def html_blocks(markup):
    """Sanitised HTML as plain text, one block per line."""
    parser = _Blocks()
    parser.feed(markup or "")
    parser.close()
    parser._flush()
    return "\n".join(parser.blocks)


def diff_rows_html(diff, unit=""):
    """The ``<tr>`` of each row of ``diff`` (the body of diff/_diff.html), built here
    with the standard library's escaping: a long diff's rows through the template
    engine were most of the diff page's rendering. ``unit`` names what a gap skips."""
    if not diff.rows:
        return mark_safe('<tr><td colspan="3" class="empty">No change in the text.</td></tr>')
    unit = escape(unit or "line")
    return mark_safe("\n".join(_row_html(row, unit) for row in diff.rows))  # noqa: S308


def _row_html(row, unit):
    if row.kind == "gap":
        plural = "" if row.skipped == 1 else "s"
        return (
            f'<tr class="diff-gap"><td colspan="3">… {row.skipped} unchanged'
            f" {unit}{plural} …</td></tr>"
        )
    marker = _MARKERS.get(row.kind, "")
    pieces = "".join(_piece(row.kind, changed, text) for changed, text in row.pieces)
    old = "" if row.old_number is None else row.old_number
    new = "" if row.new_number is None else row.new_number
    return (
        f'<tr class="diff-{escape(row.kind)}"><td class="diff-no">{old}</td>'
        f'<td class="diff-no">{new}</td><td class="diff-text">'
        f'<span class="visually-hidden">{marker}</span>{pieces}</td></tr>'
    )


_MARKERS = {"added": "Added: ", "removed": "Removed: "}
_CHANGE_TAGS = {"added": "ins", "removed": "del"}


def _piece(kind, changed, text):
    tag = _CHANGE_TAGS.get(kind) if changed else None
    return f"<{tag}>{escape(text)}</{tag}>" if tag else escape(text)
