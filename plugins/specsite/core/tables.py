"""Tables in generated HTML: a key/value card needs no header row, which Markdown cannot omit."""

from __future__ import annotations

import re

# the header row Python-Markdown writes for ``| | |``: cells with nothing in them; one literal
# ``<th`` starts each repetition, so matching stays linear
_EMPTY_HEAD = re.compile(r"<thead>\s*<tr>\s*(?:<th(?: [^>]*)?>\s*</th>\s*)+</tr>\s*</thead>\s*")


def drop_empty_header_rows(html: str) -> str:
    """``html`` without table header rows whose cells are all empty (metadata cards)."""
    return _EMPTY_HEAD.sub("", html)
