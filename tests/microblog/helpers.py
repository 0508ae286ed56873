"""Small helpers for the microblog tests: URLs and posting through the services."""

import re
from html.parser import HTMLParser

from django.urls import reverse

from microblog import services


def url(name, container, *args):
    return reverse(f"microblog:{name}", args=[container, *args])


def post(author, container, text="Hello alliance", reply_to=None):
    return services.post_create(actor=author, container=container, text=text, reply_to=reply_to)


def blog(author, container, title="Field report", body="Some *text*.", publish=True):
    return services.blogpost_create(
        actor=author, container=container, title=title, body=body, publish=publish
    )


HTMX = {"HTTP_HX_REQUEST": "true"}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))


def links_in(html):
    parser = _Links()
    parser.feed(html)
    return parser.links


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())
