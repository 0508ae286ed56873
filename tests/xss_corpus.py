"""The one corpus of XSS payloads for everything users write that ends up as HTML
(wiki pages, status posts, replies, blog posts, comments, profile texts), and the
checks that rendered HTML carries no active content.

Save each payload through the real service or form, fetch the page through the test
client and check it with ``script_risks(page)`` (whole pages: our own static
scripts, stylesheets and htmx attributes are fine) or ``assert_no_active_content``
(rendered user content only, stricter: no forms, inputs, page ids, foreign classes
or remote images).
"""

import html as html_lib
import re
from html.parser import HTMLParser

from alliance_hub.markup import ALLOWED_CLASSES, ID_PREFIX, is_remote_url

PAYLOADS = [
    # Script tags, plain and disguised
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script/xss src=//evil.example/x.js></script>",
    '"><script>alert(document.cookie)</script>',
    "<<script>alert(1);//<</script>",
    # Event handlers
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//>",
    '<body onload="alert(1)">',
    '<div onmouseover="alert(1)">hover</div>',
    '<a href="#" onclick="alert(1)">click</a>',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    # javascript: and data: URLs, plain and encoded
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html,<script>alert(1)</script>">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    # SVG and MathML
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
    # Malformed, unclosed and comment tricks
    '<img src="x" onerror="alert(1)"',
    "<img src=x onerror=alert(1)",
    '<a href="javascript:alert(1)"',
    "<div><p>unclosed <b>tags <i>everywhere",
    "<!--><script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    # Markdown links and images
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](javascript:alert(1))",
    '![img](x" onerror="alert(1))',
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "```html\n<script>alert(1)</script>\n```",
    "`<script>alert(1)</script>`",
    "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | <script>alert(1)</script> |",
    "- [ ] <img src=x onerror=alert(1)>",
    "## <img src=x onerror=alert(1)> heading",
    # Wiki links
    "[[javascript:alert(1)]]",
    "[[javascript:alert(1)|click me]]",
    "[[x|<script>alert(1)</script>]]",
    '[[x|<img src=x onerror="alert(1)">]]',
    '[["><script>alert(1)</script>]]',
    "[[doc:1|<script>alert(1)</script>]]",
    "[[data:text/html,<script>alert(1)</script>]]",
    # Status posts: links, mentions and hashtags (the linkifier), htmx attributes
    "<img src=x onerror=alert(1)>",
    '<img src="x" alt="" onerror="alert(1)">',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    '<p title="</p><script>alert(1)</script>">x</p>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[click](vbscript:msgbox(1))",
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    "<embed src=javascript:alert(1)>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<table><tr><td background="javascript:alert(1)">x</td></tr></table>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>@import 'javascript:alert(1)';</style>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<scr<script>ipt>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    "<img src=1 onerror=alert(1)//",
    "<!--<img src=x onerror=alert(1)>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "</textarea><script>alert(1)</script>",
    '<div hx-get="/admin/" hx-trigger="load" hx-on:click="alert(1)">x</div>',
    "javascript:alert(1)",
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/<script>alert(1)</script>",
    'https://x.org/#"><svg onload=alert(1)>',
    "https://example.org/?a=1&b=<img src=x onerror=alert(1)>",
    '@"><script>alert(1)</script>',
    "@<img src=x onerror=alert(1)>",
    '@anna"onmouseover="alert(1)',
    '#"><img src=x onerror=alert(1)>',
    "#<script>alert(1)</script>",
    '#tag" onclick="alert(1)',
    "#tag<svg/onload=alert(1)>",
    "@img.src.x.onerror.alert.1 hello",
    # Not script, but not for user content either: forms, page ids, classes, remote images
    '<input type="text" name="password" placeholder="Your password">',
    '<input type="checkbox" checked>',
    '<p id="main">Skip links now land here</p>',
    '<div class="messages error">Your account is locked</div>',
    '<img src="https://tracker.example/pixel.gif?u=1" width="1" height="1">',
    "![](https://tracker.example/pixel.gif)",
    '<img src="//tracker.example/pixel.gif">',
]

# A display name people might choose to attack everyone who sees their name.
HOSTILE_NAME = "<img src=x onerror=alert(1)>"

# Elements that never belong in a page from user input.
SCRIPT_TAGS = {
    "iframe", "object", "embed", "base", "style", "svg", "math", "template", "noscript",
    "frame", "frameset", "applet", "xml", "animate",
}  # fmt: skip
# ...and those our own pages have, but user content must not.
PAGE_ONLY_TAGS = {"script", "form", "meta", "link", "input", "button", "select", "textarea"}
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
    "srcset", "codebase", "cite", "longdesc", "dynsrc", "lowsrc",
}  # fmt: skip
SAFE_SCHEMES = ("http:", "https:", "mailto:")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
# htmx attributes our own templates use; anything else (hx-on, hx-trigger...) came from outside.
OUR_HTMX_ATTRIBUTES = {
    "hx-get", "hx-post", "hx-target", "hx-swap", "hx-confirm", "hx-headers", "hx-swap-oob",
    "hx-select", "hx-push-url", "hx-indicator", "hx-include", "hx-boost",
}  # fmt: skip
# Our own elements that also fire requests of their own (the header's search box), by id:
# user content cannot take these ids, the sanitiser prefixes every id it keeps with "uc-".
OUR_TRIGGERING_ELEMENTS = {"topbar-q": {"hx-trigger", "hx-sync"}}


class _Checker(HTMLParser):
    def __init__(self, user_content):
        super().__init__(convert_charrefs=True)
        self.user_content = user_content
        self.problems = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in SCRIPT_TAGS or (self.user_content and tag in PAGE_ONLY_TAGS):
            self.problems.append(f"<{tag}> element {attrs}")
        if tag == "script":
            if not (attributes.get("src") or "").startswith("/static/"):
                self.problems.append(f"script tag {attrs}")
            self.in_script = True
        if tag == "meta" and "http-equiv" in attributes:
            self.problems.append(f"<meta> {attrs}")
        if tag == "link" and not (attributes.get("href") or "").startswith("/static/"):
            self.problems.append(f"<link> {attrs}")
        own = (
            set() if self.user_content else OUR_TRIGGERING_ELEMENTS.get(attributes.get("id"), set())
        )
        for name, value in attrs:
            if name.lower() not in own:
                self._check_attribute(tag, name.lower(), value or "")

    handle_startendtag = handle_starttag

    def _check_attribute(self, tag, name, value):
        if name.startswith("on") or name in ("srcdoc", "formaction"):
            self.problems.append(f"<{tag} {name}={value!r}>")
        if name.startswith("hx-") and name not in OUR_HTMX_ATTRIBUTES:
            self.problems.append(f"<{tag} {name}={value!r}>")
        if name in URL_ATTRIBUTES:
            self._check_url(tag, name, value)
        if self.user_content:
            self._check_user_attribute(tag, name, value)

    def _check_url(self, tag, name, value):
        # Browsers ignore control characters and whitespace inside a scheme.
        compact = re.sub(r"[\x00-\x20]", "", html_lib.unescape(value)).lower()
        scheme = _SCHEME_RE.match(compact)
        if scheme and not compact.startswith(SAFE_SCHEMES):
            self.problems.append(f"{scheme.group(1)}: URL in {name} of <{tag}>")

    def _check_user_attribute(self, tag, name, value):
        if name == "style":  # e-mails need inline styles; user content never
            self.problems.append(f"<{tag} style={value!r}>")
        if name == "id" and not value.startswith(ID_PREFIX):
            self.problems.append(f"unprefixed id {value!r} on <{tag}>")
        if name == "class" and not set(value.split()) <= ALLOWED_CLASSES.get(tag, set()):
            self.problems.append(f"class {value!r} on <{tag}>")
        if tag == "img" and name == "src" and is_remote_url(value):
            self.problems.append(f"remote image {value!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append(f"inline script {data[:60]!r}")


def script_risks(html, *, user_content=False):
    """Everything in ``html`` that could run script (and, for ``user_content``, what
    user content must not carry); an empty list when it is safe."""
    checker = _Checker(user_content)
    checker.feed(html or "")
    checker.close()
    return checker.problems


def active_content(html):
    return script_risks(html, user_content=True)


def assert_no_active_content(html):
    """Fail if rendered user content has script-capable elements, event handlers,
    inline styles, dangerous URLs, inputs, page ids, foreign classes or remote images."""
    problems = active_content(html)
    assert not problems, f"active content in rendered HTML: {problems}\n{html}"
