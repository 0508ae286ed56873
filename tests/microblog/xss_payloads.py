"""XSS payloads for everything people type into the microblog and blogs, and a checker
that finds anything in a rendered page that could run script.

(The wiki keeps its own corpus in tests/xss_corpus.py; the two are to be merged.)
"""

from html.parser import HTMLParser

PAYLOADS = [
    # script and event handlers
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" alt="" onerror="alert(1)">',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    '<p title="</p><script>alert(1)</script>">x</p>',
    # javascript:, data: and friends
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![img](javascript:alert(1))",
    '![img](x" onerror="alert(1))',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    "<embed src=javascript:alert(1)>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<table><tr><td background="javascript:alert(1)">x</td></tr></table>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>@import 'javascript:alert(1)';</style>",
    # SVG and MathML
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # malformed and nested HTML
    "<scr<script>ipt>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    "<img src=1 onerror=alert(1)//",
    "<!--<img src=x onerror=alert(1)>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "</textarea><script>alert(1)</script>",
    '<div hx-get="/admin/" hx-trigger="load" hx-on:click="alert(1)">x</div>',
    # links, mentions and hashtags (the status post linkifier)
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
    "@img.src.x.onerror.alert.1 hello",  # the handle of the member named like a payload
]

# A display name people might choose to attack everyone who sees their name.
HOSTILE_NAME = "<img src=x onerror=alert(1)>"

URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
    "srcset", "codebase", "cite", "longdesc", "dynsrc", "lowsrc",
}  # fmt: skip
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
FORBIDDEN_TAGS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "base",
    "style", "template", "noscript",
}  # fmt: skip
# htmx attributes our own templates use; anything else (hx-on, hx-trigger...) came from outside.
OUR_HTMX_ATTRIBUTES = {
    "hx-get", "hx-post", "hx-target", "hx-swap", "hx-confirm", "hx-headers", "hx-swap-oob",
}  # fmt: skip


def _scheme(value):
    cleaned = "".join(ch for ch in (value or "") if ch > " " and ch != "\x7f").lower()
    return cleaned


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            src = attributes.get("src") or ""
            if not src.startswith("/static/"):
                self.problems.append(f"script tag {attrs}")
            self.in_script = True
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> {attrs}")
        if tag == "meta" and "http-equiv" in attributes:
            self.problems.append(f"<meta> {attrs}")
        if tag == "link" and not (attributes.get("href") or "").startswith("/static/"):
            self.problems.append(f"<link> {attrs}")
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on") or name == "srcdoc":
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name.startswith("hx-") and name not in OUR_HTMX_ATTRIBUTES:
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and _scheme(value).startswith(BAD_SCHEMES):
                self.problems.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append(f"inline script {data[:60]!r}")


def script_risks(html):
    """Everything in ``html`` that could run script; an empty list when it is safe."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.problems
