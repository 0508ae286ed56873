"""A diff table's rows are built in Python (alliance_hub.textdiff.diff_rows_html); their
HTML is the template loop's they replaced (tags and text alike; only the whitespace
between tags differs): gaps of one and many, added, removed and unchanged lines with
changed words, markup to escape, and a diff with no rows."""

import re

import pytest
from django.template import engines

from alliance_hub.textdiff import bounded_diff, diff_rows_html
from tests.xss_corpus import PAYLOADS

# The rows as templates/diff/_diff.html rendered them before.
_LOOP = """{% for row in diff.rows %}
    {% if row.kind == "gap" %}
      <tr class="diff-gap"><td colspan="3">… {{ row.skipped }} unchanged {{ unit|default:"line" }}{{ row.skipped|pluralize }} …</td></tr>
    {% else %}
      <tr class="diff-{{ row.kind }}">
        <td class="diff-no">{{ row.old_number|default_if_none:"" }}</td>
        <td class="diff-no">{{ row.new_number|default_if_none:"" }}</td>
        <td class="diff-text"><span class="visually-hidden">{% if row.kind == "added" %}Added: {% elif row.kind == "removed" %}Removed: {% endif %}</span>{% for changed, text in row.pieces %}{% if changed and row.kind == "added" %}<ins>{{ text }}</ins>{% elif changed and row.kind == "removed" %}<del>{{ text }}</del>{% else %}{{ text }}{% endif %}{% endfor %}</td>
      </tr>
    {% endif %}
  {% empty %}
    <tr><td colspan="3" class="empty">No change in the text.</td></tr>
  {% endfor %}"""  # noqa: E501


def _tags(html):
    return re.sub(r">\s+<", "><", html.strip())


OLD = "\n".join([f"line {i} <b>&</b>" for i in range(30)] + PAYLOADS[:5] + ["tail"])
NEW = "\n".join(
    [f"line {i} <b>&</b>" for i in range(30) if i != 4]
    + [p + " changed" for p in PAYLOADS[:5]]
    + ["tail", "added 'quoted' \"line\""]
)


@pytest.mark.parametrize("unit", ["", "paragraph"])
@pytest.mark.parametrize(("old", "new"), [(OLD, NEW), ("same", "same"), ("a\nb", "a\nc\nb")])
def test_the_rows_are_the_template_loop_s(old, new, unit):
    diff = bounded_diff(old, new)
    expected = engines["django"].from_string(_LOOP).render({"diff": diff, "unit": unit})
    assert _tags(diff_rows_html(diff, unit)) == _tags(expected)


def test_the_diff_has_a_gap_of_many_and_a_row_per_change():
    html = diff_rows_html(bounded_diff(OLD, NEW), "")
    assert "unchanged lines …" in html and "<del>" in html and "<ins>" in html
    assert "<script" not in html
