"""What the documents app contributes to other apps' pages (see alliance_hub/hooks.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alliance_hub.hooks import ProfileSection

from . import selectors

if TYPE_CHECKING:
    from alliance_hub.types import User


def recent_documents_section(viewer: User, person: User) -> ProfileSection | None:
    """The person's recent documents that ``viewer`` may see (one query), or None."""
    documents = selectors.recent_documents_by(viewer=viewer, person=person)
    if not documents:
        return None
    return {
        "title": "Recent documents",
        "items": [
            {
                "label": document.title,
                "url": document.get_absolute_url(),
                "when": document.updated_at,
            }
            for document in documents
        ],
    }
