from django import template

from alliance_hub.fragments import input_html
from search import results as build

register = template.Library()


@register.simple_tag
def result_items(results):
    """The result list's ``<li>`` items (search/results.py builds them)."""
    return build.result_items(results)


@register.simple_tag
def filter_fields(form):
    """The filter row's labelled fields (search/results.py builds them)."""
    return build.filter_fields(form)


@register.simple_tag
def field_input(field):
    """A plain input field's ``<input>`` without its widget template (alliance_hub.fragments)."""
    return input_html(field)
