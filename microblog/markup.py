"""Status text -> stored HTML: escape everything, then turn links, ``@mentions`` and
``#hashtags`` into links, then pass the result through the project's sanitiser.

Escaping comes first, so nothing the author typed can become markup; the link
patterns then run on the escaped text (where ``<``, ``>``, quotes and ``&`` are
entities) and the sanitiser is the last line of defence.
"""

import re
from dataclasses import dataclass, field
from html import escape

from alliance_hub.markup import POLICY_VERSION, sanitise_html
from alliance_hub.reversing import reverse
from workspaces.access import users_who_may_view

TAG_MAX_LENGTH = 50

# Runs on *escaped* text. A URL stops at whitespace and at an escaped quote or
# angle bracket; "@" and "#" only start a token after a non-word character, so
# e-mail addresses, URL fragments and entities like "&#x27;" are left alone.
TOKEN_RE = re.compile(
    r"(?P<url>https?://(?:(?!&(?:quot|#x27|lt|gt);)\S)+)"
    r"|(?<![\w@/.&])@(?P<mention>\w(?:[\w.-]*\w)?)"
    r"|(?<![\w&/#])#(?P<tag>\d*[^\W\d](?:[\w-]*\w)?)"
)
_TRAILING_PUNCTUATION = ".,:!?)]"
_TRAILING_ENTITY = re.compile(r"&#?\w+;$")


@dataclass
class RenderedStatus:
    html: str
    policy_version: int
    mentioned: list = field(default_factory=list)  # users who may view the container
    tags: list = field(default_factory=list)  # lower-case names, in order of appearance


def handle_for(user):
    """The ``@handle`` of a person: their display name in lower case, words joined by dots."""
    handle = re.sub(r"[^\w-]+", ".", (user.display_name or "").strip().lower()).strip(".-")
    return handle or user.email.split("@")[0].lower()


def _split_trailing(url):
    """Keep sentence punctuation after a URL out of the link."""
    end = len(url)
    while (
        end
        and (
            url[end - 1] in _TRAILING_PUNCTUATION
            # a ";" ends the sentence, unless it closes an entity such as "&amp;"
            or (url[end - 1] == ";" and not _TRAILING_ENTITY.search(url[:end]))
        )
    ):
        end -= 1
    return url[:end], url[end:]


def _mention_index(text, container):
    """handle -> person, for the handles written in ``text`` (one query, only if needed)."""
    wanted = {
        m.group("mention").lower() for m in TOKEN_RE.finditer(escape(text)) if m.group("mention")
    }
    if not wanted:
        return {}
    people = users_who_may_view(container).only("pk", "display_name", "email").order_by("pk")
    index = {}
    for person in people:
        handle = handle_for(person)
        if handle in wanted:
            index.setdefault(handle, person)
    return index


def render_status_text(text, container):
    """Render a status post's text for ``container``. Returns a RenderedStatus."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    escaped = escape(text)
    mentions_by_handle = _mention_index(text, container) if "@" in text else {}
    mentioned, tags = {}, []

    def link(match):
        if match.group("url"):
            url, trailing = _split_trailing(match.group("url"))
            return f'<a href="{url}">{url}</a>{trailing}'
        if match.group("mention"):
            person = mentions_by_handle.get(match.group("mention").lower())
            if person is None:  # unknown, or not allowed to see this: plain text, no hint
                return match.group(0)
            mentioned[person.pk] = person
            return (
                f'<a class="mention" href="{person.get_absolute_url()}" '
                f'title="{escape(person.display_name)}">{match.group(0)}</a>'
            )
        name = match.group("tag").lower()
        if len(name) > TAG_MAX_LENGTH:
            return match.group(0)
        if name not in tags:
            tags.append(name)
        href = reverse("microblog:post_tag", args=[container, name])
        return f'<a class="hashtag" href="{escape(href)}">{match.group(0)}</a>'

    html = TOKEN_RE.sub(link, escaped).replace("\n", "<br>\n")
    return RenderedStatus(
        html=sanitise_html(html),
        policy_version=POLICY_VERSION,
        mentioned=list(mentioned.values()),
        tags=tags,
    )
