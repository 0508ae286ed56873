"""Workspace policies for templates: ``{% if access|may_pin %}``."""

from django import template

from .. import policies

register = template.Library()


@register.filter
def may_pin(access):
    return policies.may_pin(access)
