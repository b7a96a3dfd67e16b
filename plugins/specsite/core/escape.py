"""Spec values made safe for the place they land: the one module every renderer escapes with.

Spec content is untrusted (a pull request can change any of it), so no renderer formats a spec
value into Markdown, HTML or SVG by hand. Each function here is for one context:

- :func:`md_text` — a value inline in generated Markdown (a table cell, a card, a list item, a
  heading): every ASCII punctuation mark becomes a numeric character reference, so no Markdown
  syntax of any extension (emphasis, links, ``{: attr_list}``, tables, ``[[ID]]`` references,
  ``:emoji:``...) and no HTML can start inside it; whitespace collapses to single spaces.
- :func:`md_text_code` — the same, but backtick code spans stay inline code (titles, requirements).
- :func:`md_block` — a multi-line value as paragraphs of :func:`md_text`.
- :func:`md_code` — a value shown as inline code (``<code>`` holding :func:`md_text`).
- :func:`md_fence` — a value as a fenced code block whose fence no line of the value can close.
- :func:`md_link` — a spec URL as a link in generated Markdown, or plain text when not safe.
- :func:`md_html` — untrusted HTML (rendered prose) sanitised and made one Markdown-inert line,
  to embed in a table cell, a list item or a block without it reaching outside.
- :func:`html_text` / :func:`html_attr` — text and double-quoted attribute values in raw HTML.
- :func:`html_text_code` — :func:`html_text`, but backtick code spans stay code.
- :func:`html_line` — :func:`html_text` on one line: what :func:`md_text` reads as after Markdown.
- :func:`html_block` — :func:`md_block` as the HTML paragraphs Markdown makes of it.
- :func:`svg_text` / :func:`svg_attr` — the same for SVG (XML: no control characters at all).
- :func:`safe_url` — a URL a reader may follow: relative, ``http``, ``https`` or ``mailto``.
- :func:`css_colour` — a colour for an SVG or style attribute, or ``None`` when it is not one.

Rendered prose (ADR and PRD bodies, API descriptions, ``!docs`` pages) is Markdown on purpose; it
goes through :mod:`specsite.core.sanitise` after rendering instead.
"""

from __future__ import annotations

import re
import string
from html.parser import HTMLParser
from typing import Any

from .sanitise import sanitise_html

#: ASCII punctuation that stays literal in Markdown text: no extension gives these a meaning
_PLAIN_PUNCTUATION = frozenset(",;?/")
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in string.punctuation if c not in _PLAIN_PUNCTUATION}
# C0 and C1 controls (tab, newline and carriage return excepted), DEL, lone surrogates, and the
# XML 1.0 non-characters: none of them belongs in a page
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"\s+")
_BACKTICKS = re.compile(r"`+")
_LANG = re.compile(r"[^a-z0-9_+.#-]")
_SAFE_SCHEMES = frozenset(("http", "https", "mailto"))
# what browsers drop from a URL before they read its scheme (WHATWG URL: leading C0 controls and
# spaces, and any tab or newline anywhere)
_URL_STRIPPED = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
#: CSS named colours (CSS Color Module Level 4), the ones Structurizr's styles accept by name
CSS_COLOUR_NAMES = frozenset("""
aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet
brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue
darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange
darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise
darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen
fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred
indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen
lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen magenta
maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue
mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin
navajowhite navy oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen
paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple rebeccapurple red
rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue
slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white
whitesmoke yellow yellowgreen transparent
""".split())


def _text(value: Any) -> str:
    if value is None:
        return ""
    return _CONTROL.sub("\ufffd", value if isinstance(value, str) else str(value))


def md_text(value: Any) -> str:
    """A spec value as literal text inside generated Markdown, on one line."""
    return _SPACE.sub(" ", _text(value)).strip().translate(_ENTITIES)


def md_block(value: Any, code: bool = False) -> str:
    """A multi-line spec value as Markdown paragraphs of literal text (blank lines kept); with
    ``code``, backtick code spans stay code (:func:`md_text_code`)."""
    paragraphs = re.split(r"\n\s*\n", _text(value).replace("\r\n", "\n").replace("\r", "\n"))
    inline = md_text_code if code else md_text
    return "\n\n".join(p for p in (inline(x) for x in paragraphs) if p)


def html_block(value: Any, code: bool = False) -> str:
    """:func:`md_block` as the raw HTML Markdown makes of it: a ``<p>`` per paragraph, one per line."""
    paragraphs = re.split(r"\n\s*\n", _text(value).replace("\r\n", "\n").replace("\r", "\n"))
    inline = html_text_code if code else html_line
    return "\n".join(f"<p>{p}</p>" for p in (inline(x) for x in paragraphs) if p)


def md_code(value: Any) -> str:
    """A spec value as inline code in generated Markdown (safe in a table cell too)."""
    return f"<code>{md_text(value)}</code>"


# a code span as CommonMark reads one: a backtick run, then the shortest text ending in a run of
# the same length (neither run part of a longer one)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def md_text_code(value: Any) -> str:
    """A spec value as :func:`md_text`, except that its backtick code spans stay inline code:
    titles and requirement texts name commands and files ("`specsite check` validates...")."""
    text = _SPACE.sub(" ", _text(value)).strip()
    out, last = [], 0
    for m in _CODE_SPAN.finditer(text):
        code = m.group(2)
        if code.startswith(" ") and code.endswith(" ") and code.strip():
            code = code[1:-1]  # CommonMark drops one space each side (`` `x` `` shows `x`)
        out += [text[last:m.start()].translate(_ENTITIES), md_code(code)]
        last = m.end()
    out.append(text[last:].translate(_ENTITIES))
    return "".join(out)


def html_text_code(value: Any) -> str:
    """A spec value as :func:`html_text` on one line, except that its backtick code spans become
    ``<code>``: :func:`md_text_code` for raw HTML (a requirement in an HTML table)."""
    text = _SPACE.sub(" ", _text(value)).strip()
    out, last = [], 0
    for m in _CODE_SPAN.finditer(text):
        code = m.group(2)
        if code.startswith(" ") and code.endswith(" ") and code.strip():
            code = code[1:-1]
        # the code as md_code writes it (md_text: whitespace collapsed, ends stripped)
        out += [html_text(text[last:m.start()]), f"<code>{html_line(code)}</code>"]
        last = m.end()
    out.append(html_text(text[last:]))
    return "".join(out)


def md_fence(value: Any, lang: str = "text", indent: str = "") -> str:
    """A spec value as a fenced code block: the fence is longer than any backtick run inside, so
    the value cannot close it; ``indent`` prefixes every line (a fence inside a list item)."""
    text = _text(value).replace("\r\n", "\n").replace("\r", "\n")
    longest = max((len(m.group(0)) for m in _BACKTICKS.finditer(text)), default=0)
    fence = "`" * max(3, longest + 1)
    lang = _LANG.sub("", (lang or "text").lower())[:20] or "text"
    lines = [f"{fence}{lang}", *text.split("\n"), fence]
    return "\n".join(f"{indent}{line}" if line else line for line in lines)


def html_text(value: Any) -> str:
    """A spec value as text in raw HTML (in a generated page or an SVG): ``& < > " '`` escaped,
    and ``[``/``]`` as character references so the ``[[ID]]`` linker never sees brackets."""
    return (_text(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;").replace("[", "&#91;").replace("]", "&#93;"))


def html_attr(value: Any) -> str:
    """A spec value inside a double-quoted HTML attribute, on one line."""
    return html_text(_SPACE.sub(" ", _text(value)).strip())


def html_line(value: Any) -> str:
    """A spec value as text in raw HTML on one line: what :func:`md_text` shows once Markdown
    has run (whitespace collapsed, ends stripped), for raw HTML that skips Markdown."""
    return html_text(_SPACE.sub(" ", _text(value)).strip())


svg_text = html_text
svg_attr = html_attr


def safe_url(value: Any) -> str | None:
    """The URL if a reader may follow it (relative, ``http``, ``https`` or ``mailto``), read the
    way a browser reads it; ``None`` for any other scheme (``javascript:``, ``data:``...).

    Emit the result with :func:`html_attr` in an ``<a href="...">``, never into a Markdown link
    target, where ``)``, ``<`` or a title could change what the link is."""
    if not isinstance(value, str):
        return None
    url = _URL_STRIPPED.sub("", value).lstrip("".join(map(chr, range(0x21))))
    if not url or _CONTROL.search(url) or any(c.isspace() for c in url.strip()):
        return None
    url = url.strip()
    match = _SCHEME.match(url)
    if match is None:
        return url  # relative (emit it with html_attr: an entity in it stays literal text)
    return url if match.group(1).lower() in _SAFE_SCHEMES else None


def css_colour(value: Any) -> str | None:
    """``#abc``/``#aabbcc`` (with or without alpha) or a CSS colour name, lower-cased; else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _HEX_COLOUR.match(text):
        return text.lower()
    return text.lower() if text.lower() in CSS_COLOUR_NAMES else None


def md_link(url: Any, text: Any = None) -> str:
    """A spec URL as a link in generated Markdown, a table cell included: ``<a href>`` when
    :func:`safe_url` accepts it, else plain :func:`md_text`; ``text`` defaults to the URL.

    The ``href`` is written like :func:`md_text` (every punctuation mark a character reference,
    which an attribute value decodes): no ``|`` splits a table row, no ``[[`` meets the linker."""
    label = md_text(url if text is None or text == "" else text)
    safe = safe_url(url)
    if safe is None:
        return label
    return f'<a href="{md_text(safe)}">{label}</a>'


# in Markdown-inert HTML every line break is a reference too: the value stays on one line
_INERT = {**_ENTITIES, ord("\n"): "&#10;", ord("\r"): "", ord("\t"): "&#9;"}


class _InertHtml(HTMLParser):
    """Re-serialises (sanitised) HTML with its text and attribute values as character references."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], end: str) -> None:
        parts = [tag, *(name if value is None else f'{name}="{_text(value).translate(_INERT)}"'
                        for name, value in attrs)]
        self.out.append(f"<{' '.join(parts)}{end}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, " /")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(_text(data).translate(_INERT))


def md_html(html: str) -> str:
    """Untrusted HTML (a description rendered from Markdown) for generated Markdown: sanitised
    with :func:`specsite.core.sanitise.sanitise_html`, then written on one line with every
    punctuation mark and line break in its text and attribute values as a character reference.
    Tags stay tags; no Markdown syntax of any extension, no ``|`` and no ``[[`` is left, so the
    result sits in a table cell, a list item or a block and cannot reach outside it."""
    parser = _InertHtml()
    parser.feed(sanitise_html(html))
    parser.close()
    return "".join(parser.out)
