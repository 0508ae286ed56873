"""``{% load textdiff %}``: the rows of a diff table (alliance_hub/textdiff.py)."""

from django import template

from .textdiff import diff_rows_html

register = template.Library()
register.simple_tag(diff_rows_html, name="diff_rows")
