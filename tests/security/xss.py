"""A corpus of known XSS payloads and a checker that finds executable markup in a page.

Every payload carries the marker ``XSS`` in the part that would run, so the checker can tell an
injected script or handler from the site's own markup.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

PAYLOADS = [
    "<script>alert('XSS')</script>",
    "<img src=x onerror=alert('XSS')>",
    '"><img src=x onerror="alert(\'XSS\')">',
    "'><svg onload=alert('XSS')>",
    "<svg><script>alert('XSS')</script></svg>",
    "<a href=\"javascript:alert('XSS')\">click</a>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4=">XSS</a>',
    "<iframe src=\"javascript:alert('XSS')\"></iframe>",
    "<style>body{background:url(javascript:alert('XSS'))}</style>",
    "<div style=\"width: expression(alert('XSS'))\">XSS</div>",
    "</script><script>alert('XSS')</script>",
    '</title><script>alert("XSS")</script>',
    "\\u003cscript\\u003ealert('XSS')\\u003c/script\\u003e",
    "&lt;script&gt;alert('XSS')&lt;/script&gt;",
    "<body onload=alert('XSS')>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS')>",
    "<object data=\"javascript:alert('XSS')\"></object>",
    "javascript:alert('XSS')",
    '<base href="https://evil.example/XSS/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'XSS\')">',
]

DANGEROUS_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "svg", "math"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "cite"}
BAD_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data:text/html)", re.IGNORECASE)


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.json_ld: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta refresh>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"event handler {name}= on <{tag}>")
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            if name in URL_ATTRIBUTES and value and BAD_SCHEMES.match(value):
                self.problems.append(f"{name}={value!r} on <{tag}>")
        if tag == "script":
            self._script = {"attrs": attrs, "text": []}

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"].append(data)

    def handle_endtag(self, tag):
        if tag != "script" or self._script is None:
            return
        attrs, text = self._script["attrs"], "".join(self._script["text"])
        self._script = None
        if attrs.get("type") == "application/ld+json":
            self.json_ld.append(text)
        elif text.strip():
            self.problems.append(f"inline script: {text.strip()[:80]!r}")
        elif not (attrs.get("src") or "").startswith("/static/"):
            self.problems.append(f"script from elsewhere: {attrs.get('src')!r}")


def executable_markup(html: str) -> list[str]:
    """Problems found in ``html``: anything a browser would run or that breaks out of context."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    problems = list(finder.problems)
    for block in finder.json_ld:
        if re.search(r"</script|<!--", block, re.IGNORECASE):
            problems.append("JSON-LD contains a raw </script or <!--")
        try:
            json.loads(block)
        except ValueError as exc:
            problems.append(f"JSON-LD does not parse: {exc}")
    return problems


def json_ld_blocks(html: str) -> list:
    finder = _Finder()
    finder.feed(html)
    return [json.loads(block) for block in finder.json_ld]
