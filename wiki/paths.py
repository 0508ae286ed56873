"""Page paths: slash-separated slugs such as ``governance/steering-committee``.

Every segment starts and ends with a letter or digit, so no page path can begin
with ``-``: the wiki's action URLs live under ``wiki/-/`` and never clash with pages.
"""

import re

from django.utils.text import slugify

SEGMENT = r"[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?"
PATH_RE = re.compile(rf"{SEGMENT}(?:/{SEGMENT})*")
MAX_DEPTH = 8


class PagePathConverter:
    regex = PATH_RE.pattern

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


def slug_for(text, fallback="page"):
    """A path segment from free text ("Scope of work" -> "scope-of-work")."""
    slug = re.sub(r"[-_]{2,}", "-", slugify(text)).strip("-_")
    return slug[:80].strip("-_") or fallback


def normalise_path(text):
    """A path from what someone typed ("/Governance/Steering Committee/" -> slugs)."""
    segments = [slug_for(part) for part in text.strip().strip("/").split("/") if part.strip()]
    return "/".join(segments)


def is_valid_path(path):
    return bool(PATH_RE.fullmatch(path)) and path.count("/") < MAX_DEPTH


def ancestor_paths(path):
    """'a/b/c' -> ['a', 'a/b'] (outermost first)."""
    parts = path.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


def join(parent_path, slug):
    return f"{parent_path}/{slug}" if parent_path else slug
