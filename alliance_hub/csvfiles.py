"""CSV files people open in spreadsheets: UTF-8 with a byte-order mark, so Excel
reads names such as "Łódź" or "Sørensen" right instead of guessing a code page."""

import io

BOM = "\ufeff"
CONTENT_TYPE = "text/csv; charset=utf-8"


# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Free text as a cell that spreadsheets show rather than run (CSV injection): a
    leading formula character gets a quote in front."""
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def new_buffer() -> io.StringIO:
    """A text buffer for ``csv.writer`` that already starts with the BOM."""
    buffer = io.StringIO()
    buffer.write(BOM)
    return buffer
