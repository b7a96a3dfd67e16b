"""Untrusted text from descriptions made safe for a page, and small Markdown builders.

Descriptions are Markdown written by anyone who can open a pull request. Harmless inline HTML
(``<br>``, ``<code>``, ``<a href>``...) is kept without its attributes (``href`` and ``title``
excepted, never a ``javascript:`` URL); every other tag is escaped, so a ``<script>`` or an
``onerror=`` shows as text and never runs.
"""

from __future__ import annotations

import json
import re
from typing import Any

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")
_ATTR = re.compile(r"""\b(href|title)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_BAD_URL = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
_MD_LINK_TARGET = re.compile(r"\]\(\s*+<?\s*+(?:javascript|vbscript|data)\s*+:[^)]*+\)", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,6})(?=\s)", re.MULTILINE)
_SAFE_TAGS = frozenset((
    "a", "b", "i", "em", "strong", "code", "pre", "br", "p", "ul", "ol", "li", "sub", "sup",
    "kbd", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "hr", "del", "s", "details",
    "summary", "dl", "dt", "dd", "span", "div", "h4", "h5", "h6",
))


def safe_markdown(text: Any, min_heading: int = 4) -> str:
    """A description made safe; its headings demoted to ``min_heading`` at least."""
    if not isinstance(text, str):
        return ""
    text = _without_comments(text)
    text = _TAG.sub(_clean_tag, text)
    text = _MD_LINK_TARGET.sub("](#)", text)
    return _HEADING.sub(lambda m: "#" * max(len(m.group(1)), min_heading), text).strip()


def _without_comments(text: str) -> str:
    """``text`` without ``<!-- -->`` comments; an unclosed one is kept, as a lazy regex keeps it.

    By hand because ``<!--.*?-->`` rescans to the end of the text from every unclosed
    ``<!--``: quadratic in a description made of them."""
    out, pos = [], 0
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        out.append(text[pos:start])
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def _clean_tag(match: re.Match) -> str:
    closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
    if name not in _SAFE_TAGS:
        return match.group(0).replace("<", "&lt;").replace(">", "&gt;")
    if closing:
        return f"</{name}>"
    kept = []
    for attr, value in _ATTR.findall(attrs):
        unquoted = value.strip("\"'")
        if attr.lower() == "href" and _BAD_URL.match(unquoted):
            continue
        kept.append(f'{attr.lower()}="{escape_html(unquoted)}"')
    self_closing = "/" if attrs.rstrip().endswith("/") else ""
    return f"<{name}{''.join(' ' + k for k in kept)}{self_closing}>"


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def cell(text: Any) -> str:
    """Text for a table cell: one line, no pipe breaking the table, no raw HTML."""
    if text is None:
        return ""
    value = safe_markdown(str(text)).replace("\n", " ").replace("|", "\\|")
    return re.sub(r"\s+", " ", value).strip()


def inline_code(text: Any) -> str:
    value = str(text).replace("\n", " ")
    fence = "``" if "`" in value else "`"
    return f"{fence}{' ' if fence == '``' else ''}{value}{' ' if fence == '``' else ''}{fence}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(out)


def code_block(value: Any, limit: int = 3000) -> str:
    """An example as a fenced JSON block (text as it is), cut at ``limit`` characters."""
    text = value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False, default=str)
    if len(text) > limit:
        text = text[:limit] + "\n... (cut: the example is longer)"
    lang = "text" if isinstance(value, str) else "json"
    fence = "~~~~" if "```" in text or "~~~" in text else "```"
    return f"{fence}{lang}\n{text}\n{fence}"
