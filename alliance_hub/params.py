"""The one strict reader of numbers that arrive as text: query parameters, form
fields read by hand, and headers.

``str.isdigit()`` and the regex ``\\d`` accept any Unicode digit ("²", "٣"), and
``int()`` refuses more than 4,300 digits: both used to turn crafted input into a
500. Here a number is 1 to 18 ASCII digits, within bounds, or the request is bad
(``BadRequest`` becomes a 400 through Django's exception handling).
"""

import re

from django.core.exceptions import BadRequest

MAX_ID = 2**62  # below every database's integer limit: a larger value is not an id
ASCII_DIGITS = re.compile(r"[0-9]{1,18}")


def strict_int(value, *, name, minimum=0, maximum=MAX_ID):
    """``value`` as an int in ``[minimum, maximum]``; ``BadRequest`` for anything else."""
    text = (value or "").strip()
    if not ASCII_DIGITS.fullmatch(text) or not minimum <= int(text) <= maximum:
        raise BadRequest(f"'{name}' must be a whole number from {minimum} to {maximum}.")
    return int(text)


def optional_int(value, *, name, minimum=1, maximum=MAX_ID):
    """None when ``value`` is absent or empty; otherwise ``strict_int``."""
    if value is None or not str(value).strip():
        return None
    return strict_int(value, name=name, minimum=minimum, maximum=maximum)


def query_id(request, name):
    """A positive id from ``request.GET[name]``, None when absent; 400 when malformed."""
    return optional_int(request.GET.get(name), name=name)


def form_id(request, name):
    """A positive id from ``request.POST[name]``, None when absent; 400 when malformed."""
    return optional_int(request.POST.get(name), name=name)
