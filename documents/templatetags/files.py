"""``{% load files %}``: file kinds and sizes in words (documents/labels.py decides)."""

from django import template
from django.template.defaulttags import CsrfTokenNode

from documents import files, labels, rows

register = template.Library()


@register.filter
def file_kind(item):
    """The kind of a Version (from its name and type), a Document, or an extension."""
    if isinstance(item, str):
        return labels.kind_label(item)
    name = getattr(item, "original_name", None)
    if name is not None:
        return labels.kind_label(files.extension(name), item.content_type)
    return labels.kind_label(getattr(item, "file_type", ""))


@register.filter
def file_size(size):
    return labels.size_label(size)


@register.simple_tag
def document_rows(documents):
    """A folder table's rows (documents/rows.py builds them without a template per cell)."""
    return rows.document_rows(documents)


@register.simple_tag(takes_context=True)
def version_rows(context):
    """The version table's rows (documents/rows.py), from the context the table's
    ``{% for %}`` read: ``versions``, ``document``, ``container``, ``access`` and
    ``locked_against_me``."""
    access = context.get("access")
    return rows.version_rows(
        context["versions"],
        document=context["document"],
        container=context["container"],
        may_restore=bool(access and access.can_contribute and not context.get("locked_against_me")),
        csrf_input=CsrfTokenNode().render(context),
    )
