"""What the documents app contributes to other apps' pages (see alliance_hub/hooks.py)."""

from alliance_hub.hooks import ProfileSection
from alliance_hub.reversing import reverse
from workspaces.models.contained import path_of

from . import selectors


def recent_documents_section(viewer, person) -> ProfileSection | None:
    """The person's recent documents that ``viewer`` may see (one query), or None."""
    documents = selectors.recent_documents_by(viewer=viewer, person=person)
    if not documents:
        return None
    return {
        "title": "Recent documents",
        "items": [
            {
                "label": document.title,
                "url": reverse(
                    "documents:document_detail",
                    args=[path_of(document.workspace_slug, document.group_slug), document.pk],
                ),
                "when": document.updated_at,
            }
            for document in documents
        ],
    }
