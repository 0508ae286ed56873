"""``{% may "delete_post" post as flag %}``: a policy of microblog/policies.py for the
signed-in user and the container the access layer put on the request."""

from django import template

from ..policies import RULES

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, rule, obj):
    access = context.get("access")
    return access is not None and RULES[rule](context["user"], access, obj)
