"""CSV files people open in spreadsheets: UTF-8 with a byte-order mark, so Excel
reads names such as "Łódź" or "Sørensen" right instead of guessing a code page."""

import io

BOM = "\ufeff"
CONTENT_TYPE = "text/csv; charset=utf-8"


def new_buffer():
    """A text buffer for ``csv.writer`` that already starts with the BOM."""
    buffer = io.StringIO()
    buffer.write(BOM)
    return buffer
