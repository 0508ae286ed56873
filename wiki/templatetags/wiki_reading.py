"""``{% load wiki_reading %}``: a page's stored HTML as this viewer may use it."""

import re

from django import template
from django.utils.safestring import mark_safe

from wiki import rows

register = template.Library()

# A link to a page that does not exist yet, as wiki/markup.py writes it ("create this
# page"). Matched on our own sanitised output, never on raw input.
MISSING_PAGE_LINK = re.compile(r'<a\b[^>]*\bclass="wiki-link wiki-missing"[^>]*>(.*?)</a>', re.S)


@register.filter
def for_viewer(stored_html, access):
    """The stored HTML of a page; for someone who may not create pages (an observer),
    links to missing pages become plain text instead of leading to a 403."""
    if access is not None and access.can_contribute:
        return mark_safe(stored_html)  # noqa: S308 - the sanitised field (alliance_hub/markup.py)
    return mark_safe(  # noqa: S308 - only our own link markup is removed
        MISSING_PAGE_LINK.sub(r'<span class="wiki-missing-text">\1</span>', stored_html)
    )


@register.simple_tag(takes_context=True)
def history_rows(context, revisions, diff_url):
    """The history table's rows (wiki/rows.py builds them without a template per cell)."""
    return rows.history_rows(
        revisions, container=context["container"], page=context["page"], diff_url=diff_url
    )
