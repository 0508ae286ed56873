"""``{% load dashboard %}``: the dashboard's lists (workspaces/dashboard_rows.py)."""

from django import template

from workspaces import dashboard_rows

register = template.Library()


@register.simple_tag
def stream_items(activities, container, has_more):
    return dashboard_rows.stream_items(activities, container=container, has_more=has_more)


@register.simple_tag
def group_items(groups, workspace):
    return dashboard_rows.group_items(groups, workspace=workspace)
