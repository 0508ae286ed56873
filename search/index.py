"""Keeping the index in step with the content: the apps' sources say what each
object looks like to the search, and this module writes it.

``refresh(kind, ids)`` runs inside the caller's transaction, so an edit, a move,
a trash or a new version is in the very next search; only the text of a new file
follows, from the extraction task enqueued once the transaction commits.
"""

from functools import partial

from django.db import transaction

from alliance_hub.hooks import SEARCH_SOURCE, get_hooks_by

from .models import Entry, ExtractedText
from .tasks import extract_file_text
from .text import clean, plain_from_html


def on_search_changed(kind: str, ids: list[int]) -> None:
    if kind in get_hooks_by(SEARCH_SOURCE, "kind") and ids:
        refresh(kind, ids)


def _entry(data, texts):
    body = data.get("body")
    if body is None:
        body = plain_from_html(data.get("body_html", ""))
    file_name = data.get("file_name") or ""
    extracted = texts.get(file_name)
    if not file_name:
        state = Entry.FileState.NONE
    elif extracted is None:
        state = Entry.FileState.PENDING
    else:
        state = Entry.FileState.DONE if extracted.ok else Entry.FileState.FAILED
    return Entry(
        key=data["key"],
        kind=data.get("kind") or data["key"].split(":")[0],
        object_id=data["object_id"],
        workspace=data["workspace"],
        group_id=data["group_id"] if "group_id" in data else getattr(data.get("group"), "pk", None),
        title=clean(data["title"])[:300],
        tags=clean(data.get("tags", "")),
        body=clean(body),
        file_text=extracted.text if extracted else "",
        file_name=file_name,
        file_ext=data.get("file_ext", "")[:10],
        file_state=state,
        version=data.get("version"),
        is_current=data.get("is_current", True),
        state=data.get("state", "")[:30],
        author_id=data.get("author_id"),
        organisation_id=data.get("organisation_id"),
        date=data["date"],
        url=data["url"],
    )


@transaction.atomic
def refresh(kind, ids):
    """Rewrite the index rows of the ``kind`` objects with ``ids``: what the source
    gives now replaces what was there (an object it leaves out is no longer found).
    Three queries plus the source's own; the extraction of new files is enqueued."""
    data = get_hooks_by(SEARCH_SOURCE, "kind")[kind].entries(ids)
    names = {row["file_name"] for row in data if row.get("file_name")}
    texts = ExtractedText.objects.in_bulk(names, field_name="file_name") if names else {}
    Entry.objects.filter(kind=kind, object_id__in=ids).delete()
    entries = Entry.objects.bulk_create([_entry(row, texts) for row in data])
    _enqueue_extraction(
        {row["file_name"]: row.get("file_ext", "") for row in data if row.get("file_name")},
        texts,
    )
    return entries


def _enqueue_extraction(extensions, texts):
    for name, extension in extensions.items():
        if name not in texts:
            transaction.on_commit(partial(extract_file_text.enqueue, name, extension))


def reindex_batch(kind, ids, after):
    """Refresh ``ids`` (ascending) of ``kind`` and drop rows of objects between
    ``after`` and the last id that no longer exist."""
    with transaction.atomic():
        refresh(kind, ids)
        Entry.objects.filter(kind=kind, object_id__gt=after, object_id__lte=ids[-1]).exclude(
            object_id__in=ids
        ).delete()
