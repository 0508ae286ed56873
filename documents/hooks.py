"""What the documents app contributes to other apps' pages (see alliance_hub/hooks.py)."""

from django.utils.text import Truncator

from . import selectors


def _kind(document):
    version = document.latest_version
    return f"Document · {version.get_state_display()}" if version else "Document"


def search_documents(user, container, query):
    """Documents matching ``query`` that ``user`` may see in ``container`` (one query)."""
    return [
        {
            "kind": _kind(document),
            "label": document.title,
            "url": document.get_absolute_url(),
            "snippet": Truncator(document.description).chars(160),
        }
        for document in selectors.document_search(user=user, container=container, query=query)
    ]


def recent_documents_section(viewer, person):
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
