"""A reusable corpus of XSS payloads and a check that rendered HTML carries no active content.

Use it for anything users write that ends up as HTML (wiki pages, posts, comments):
save each payload through the real service, fetch the page through the test client
and call ``assert_no_active_content(html)`` on the rendered user content.
"""

import html as html_lib
import re
from html.parser import HTMLParser

XSS_PAYLOADS = [
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
]

BAD_TAGS = {
    "script", "iframe", "object", "embed", "form", "meta", "base", "link", "style",
    "svg", "math", "template", "noscript", "frame", "frameset", "applet", "xml", "animate",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster"}
SAFE_SCHEMES = ("http:", "https:", "mailto:")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


class _ActiveContentFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        if tag in BAD_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}>")
            if name in ("style", "srcdoc", "formaction"):
                self.problems.append(f"{name} attribute on <{tag}>")
            if name in URL_ATTRIBUTES and value is not None:
                self._check_url(tag, name, value)

    def _check_url(self, tag, name, value):
        # Browsers ignore control characters and whitespace inside a scheme.
        compact = re.sub(r"[\x00-\x20]", "", html_lib.unescape(value)).lower()
        scheme = _SCHEME_RE.match(compact)
        if scheme and not compact.startswith(SAFE_SCHEMES):
            self.problems.append(f"{scheme.group(1)}: URL in {name} of <{tag}>")


def active_content(html):
    """Everything in ``html`` that could run script: a list of descriptions (empty if safe)."""
    finder = _ActiveContentFinder()
    finder.feed(html or "")
    finder.close()
    return finder.problems


def assert_no_active_content(html):
    """Fail if ``html`` has script-capable elements, event handlers, inline styles or
    URLs with any scheme but http(s)/mailto."""
    problems = active_content(html)
    assert not problems, f"active content in rendered HTML: {problems}\n{html}"
