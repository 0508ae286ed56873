"""``{% url %}`` with the remembered reverse (alliance_hub.reversing), a builtin of the
template engine so every template, the admin's included, uses it without a ``load``."""

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from .reversing import reverse

register = template.Library()


class RememberedURLNode(URLNode):
    def render(self, context):
        # Django's URLNode.render, calling reversing.reverse.
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {name: value.resolve(context) for name, value in self.kwargs.items()}
        url = ""
        try:
            url = reverse(
                self.view_name.resolve(context),
                args=args,
                kwargs=kwargs,
                current_app=_current_app(context),
            )
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


def _current_app(context):
    request = getattr(context, "request", None)
    if hasattr(request, "current_app"):
        return request.current_app
    match = getattr(request, "resolver_match", None)
    return getattr(match, "namespace", None)


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
