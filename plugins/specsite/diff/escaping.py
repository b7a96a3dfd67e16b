"""What the diff's renderers need beyond :mod:`specsite.core.escape`, the one escaping module:
a field value shortened to one line of text, Markdown table cells, site paths for links, and
GitHub workflow commands. Spec values are escaped with core/escape.py's functions (re-exported
here under the names the renderers use) and never formatted by hand."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from ..core.escape import html_attr as attr
from ..core.escape import md_code
from ..core.escape import md_text as md
from ..core.markdown import table_cell

__all__ = ["attr", "md", "md_cell", "md_code", "value_text", "url_path"]

_MAX = 300


def value_text(value: Any, limit: int = _MAX) -> str:
    """A field value as one line of plain text (JSON for lists and maps), shortened; still
    untrusted: escape it for where it lands."""
    if value is None:
        return "none"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True,
                                                           default=str)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def md_cell(text: Any) -> str:
    """Untrusted text for one Markdown table cell (:func:`md` already turns ``|`` into a
    character reference; the cell rule keeps the row on one line)."""
    return table_cell(md(text))


def url_path(text: str) -> str:
    """A site path or anchor from the graph, for an href (quoted so it cannot break out)."""
    return quote(text, safe="/#-_.~")

