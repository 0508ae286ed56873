"""Rows built in Python, f-strings over values escaped with ``html.escape`` (what
Django's ``escape`` does) instead of a few dozen template nodes a row: a folder's
document table (the folder pages' hot spot, see docs/performance.md) and the version
table. The HTML is the one the templates had inline."""

from html import escape

from django.utils.safestring import mark_safe

from alliance_hub import fragments
from alliance_hub.reversing import reverse
from profiles.avatars import avatar

from . import files, labels


def document_rows(documents):
    """The ``<tr>`` of each document of a folder page, as one safe string; the links are
    reversed once per container (a folder page has one).
    tests/documents/test_folder_rows.py compares the rows with the earlier
    ``format_html`` ones."""
    details = {}

    def detail(document):
        path = document.container_path
        if path not in details:
            details[path] = _NumberUrl("documents:document_detail", path)
        return details[path](document.pk)

    return mark_safe(  # noqa: S308 - every value is escaped in _document_row
        "\n".join([_document_row(document, detail(document)) for document in documents])
    )


def _document_row(document, url):
    version = document.latest_version
    when = fragments.local(document.updated_at)
    tags = "".join([f'<span class="tag">{escape(tag)}</span>' for tag in document.tag_names])
    state = uploader = ""
    if version:
        state = (
            f' <span class="tag state-{escape(version.state)}">'
            f"{escape(str(version.get_state_display()))}</span>"
        )
        uploader = escape(str(version.uploaded_by or ""))
    lock = ""
    if document.lock_is_active:
        lock = f' <span class="lock-badge">Being edited by {escape(str(document.locked_by))}</span>'
    return (
        f'<tr><td><a href="{url}">{escape(document.title)}</a>'
        f"{state}{tags}{lock}</td>"
        f"<td>{escape(labels.kind_label(document.file_type))}</td>"
        f"<td>{escape(labels.size_label(document.size))}</td>"
        f'<td><time datetime="{fragments.iso(when)}">{fragments.day_and_time(when)}</time>'
        f'<br><span class="muted">{uploader}</span></td>'
        f"<td>{document.version_count}</td></tr>"
    )


class _NumberUrl:
    """``reverse(name, args=[*args, number])`` for many numbers (pks, version numbers),
    reversed once: the number is the last variable part, so the last ``/0/`` of the URL
    for number 0 (a container path may hold a ``/0/`` of its own, never after it)."""

    def __init__(self, name, *args):
        url = escape(reverse(name, args=[*args, 0]))
        self.head, _, self.tail = url.rpartition("/0/")

    def __call__(self, number):
        return f"{self.head}/{number}/{self.tail}"


def version_rows(versions, *, document, container, may_restore, csrf_input):
    """The body of ``{% for version in versions %}`` of ``_version_table.html`` (the
    whitespace included), as one safe string: about forty template nodes a row before.
    ``may_restore``: the viewer may contribute and the document is not locked against
    them; ``csrf_input`` what ``{% csrf_token %}`` renders."""
    download = _NumberUrl("documents:version_download", document.pk)
    restore = _NumberUrl("documents:version_restore", container, document.pk)
    latest = document.latest_version
    current_sha = latest.sha256 if latest else None
    return mark_safe(  # noqa: S308 - every value is escaped in _version_row
        "".join(
            [
                _version_row(
                    version,
                    document.latest_version_id,
                    download,
                    restore if may_restore and version.sha256 != current_sha else None,
                    csrf_input,
                )
                for version in versions
            ]
        )
    )


def _version_row(version, latest_id, download, restore, csrf_input):
    number = version.number
    when = fragments.local(version.uploaded_at)
    uploader = version.uploaded_by
    latest = ' <span class="tag">latest</span>' if version.pk == latest_id else ""
    kind = labels.kind_label(files.extension(version.original_name), version.content_type)
    restore_form = ""
    if restore:
        restore_form = (
            f'\n        <form method="post" action="{restore(number)}" class="inline-form" '
            f'data-confirm="Make version {number} the newest version?">\n'
            f'          {csrf_input}<button type="submit" class="secondary small">Restore'
            f'<span class="visually-hidden"> version {number}</span></button>\n        </form>\n'
            "        "
        )
    return (
        f'\n    <tr id="v{number}">\n'
        f"      <td>{number}{latest} "
        f'<span class="tag state-{escape(version.state)}">'
        f"{escape(str(version.get_state_display()))}</span></td>\n"
        f"      <td>{escape(version.original_name)}<br>"
        f'<span class="muted">{escape(labels.size_label(version.size))} · {escape(kind)}</span>'
        f'<br><code class="sha" title="SHA-256 {escape(version.sha256)}">'
        f"{escape(version.sha256[:12])}…</code></td>\n"
        f'      <td><span class="person">{avatar(uploader, "tiny")}'
        f"<span>{escape(str(uploader)) if uploader else '(account deleted)'}</span></span><br>"
        f'<time class="muted" datetime="{fragments.iso(when)}">'
        f"{fragments.day_and_time(when)}</time></td>\n"
        f"      <td>{escape(version.change_note) if version.change_note else '—'}</td>\n"
        f'      <td class="actions">\n'
        f'        <a class="button secondary small" href="{download(number)}">Download'
        f'<span class="visually-hidden"> version {number}</span></a>\n'
        f"        {restore_form}\n"
        "      </td>\n    </tr>\n  "
    )
