from django import template

from search.results import result_items as build

register = template.Library()


@register.simple_tag
def result_items(results):
    """The result list's ``<li>`` items (search/results.py builds them)."""
    return build(results)
