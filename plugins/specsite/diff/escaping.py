"""The one place the diff makes spec values safe for where they land: Markdown text, Markdown
table cells, HTML attributes and GitHub workflow commands. Every renderer of a diff (reports and
preview pages) goes through these and never formats a spec value by hand."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from ..core.markdown import table_cell

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+\-.!|~>])")
_MAX = 300


def value_text(value: Any, limit: int = _MAX) -> str:
    """A field value as one line of plain text (JSON for lists and maps), shortened."""
    if value is None:
        return "none"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True,
                                                           default=str)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def md(text: Any) -> str:
    """Untrusted text as inline Markdown that renders literally: HTML escaped, Markdown
    punctuation backslash-escaped, one line."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=True))


def md_cell(text: Any) -> str:
    """Untrusted text for one Markdown table cell."""
    return table_cell(md(text))


def md_code(text: Any) -> str:
    """Untrusted text as an inline code span (HTML-escaped, since pages enable md_in_html)."""
    body = html.escape(" ".join(str(text).split()), quote=True).replace("`", "'")
    return f"<code>{body}</code>"


def attr(text: Any) -> str:
    """Untrusted text for an HTML attribute value."""
    return html.escape(str(text), quote=True)


def url_path(text: str) -> str:
    """A site path or anchor from the graph, for an href (quoted so it cannot break out)."""
    from urllib.parse import quote

    return quote(text, safe="/#-_.~")


def gh_data(text: str) -> str:
    """The message part of a GitHub workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_prop(text: str) -> str:
    """A property value of a GitHub workflow command."""
    return gh_data(text).replace(":", "%3A").replace(",", "%2C")
