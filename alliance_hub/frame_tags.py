"""``{% load frame %}``: the page frame of base.html (alliance_hub/frame.py)."""

from django import template

from . import frame

register = template.Library()


@register.simple_tag(takes_context=True)
def topbar(context):
    return frame.topbar(context)


@register.simple_tag(takes_context=True)
def container_nav(context):
    return frame.container_nav(context)
