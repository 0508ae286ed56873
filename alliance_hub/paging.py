"""Id cursors of ``?before=`` / ``?after=`` links, read the same way by every list."""

MAX_ID = 2**62  # below every database's integer limit: a larger value is not an id


def id_cursor(value):
    """A positive id from a query parameter, or None for absent or malformed input."""
    value = (value or "").strip()
    return int(value) if value.isdigit() and 0 < int(value) < MAX_ID else None
