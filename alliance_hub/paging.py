"""Id cursors of ``?before=`` / ``?after=`` links. Kept for code written against it;
new code calls ``alliance_hub.params.query_id(request, name)`` directly."""

from alliance_hub.params import MAX_ID, optional_int

__all__ = ["MAX_ID", "id_cursor"]


def id_cursor(value, name="cursor"):
    """A positive id, None when absent; ``BadRequest`` (400) when malformed, such as
    "²" or 5,000 digits (see ``alliance_hub.params``)."""
    return optional_int(value, name=name)
