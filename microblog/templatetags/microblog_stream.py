"""``{% stream_posts posts %}``: the stream's posts, built by microblog/rows.py."""

from django import template

from ..rows import stream_posts as build

register = template.Library()


@register.simple_tag(takes_context=True)
def stream_posts(context, posts):
    return build(
        posts,
        access=context["access"],
        user=context["user"],
        csrf_token=context.get("csrf_token"),
        path=context["request"].path,
    )
