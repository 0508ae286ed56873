"""The rows of a folder's document table, built in Python: one ``format_html`` per row
instead of a few dozen template nodes (the folder pages' hot spot, see
docs/performance.md). The HTML is the one ``documents/folder_detail.html`` had inline."""

from django.utils.html import format_html, format_html_join

from alliance_hub import fragments

from . import labels

ROW = (
    '<tr><td><a href="{}">{}</a>{}{}{}</td><td>{}</td><td>{}</td>'
    '<td><time datetime="{}">{}</time><br><span class="muted">{}</span></td>'
    "<td>{}</td></tr>"
)


def document_rows(documents):
    """The ``<tr>`` of each document of a folder page, as one safe string."""
    return format_html_join("\n", ROW, (_cells(document) for document in documents))


def _cells(document):
    version = document.latest_version
    when = fragments.local(document.updated_at)
    return (
        document.get_absolute_url(),
        document.title,
        _state(version),
        format_html_join("", '<span class="tag">{}</span>', ((tag,) for tag in document.tag_names)),
        _lock(document),
        labels.kind_label(document.file_type),
        labels.size_label(document.size),
        fragments.iso(when),
        fragments.day_and_time(when),
        (version.uploaded_by or "") if version else "",
        document.version_count,
    )


def _state(version):
    if not version:
        return ""
    return format_html(
        ' <span class="tag state-{}">{}</span>', version.state, version.get_state_display()
    )


def _lock(document):
    if not document.lock_is_active:
        return ""
    return format_html(' <span class="lock-badge">Being edited by {}</span>', document.locked_by)
