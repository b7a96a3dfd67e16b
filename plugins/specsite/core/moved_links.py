"""Hand-written links to spec files that are published as generated pages.

A decision kept inside ``docs_dir`` (``adrs: docs/decisions``, MADR's default) is published once,
as its generated page (``decisions/ADR-0001.md``), not as written; a page of the author's that
links straight to the file (``[the decision](decisions/0001-use-postgres.md)``) would be a broken
link under ``mkdocs build --strict``. :func:`retarget` points such links at the generated page,
before MkDocs resolves and checks them. Links inside code are left alone.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from typing import Mapping
from urllib.parse import unquote

from .urls import relative_md
from .xref import code_spans

# an inline link's target (``](path.md#anchor "title")``, maybe in ``<>``) and a reference
# definition's (``[id]: path.md``); possessive classes keep both linear on any input
_INLINE = re.compile(r"(\]\(\s*+<?)([^()<>\s#?]++)(#[^()<>\s]*+)?")
_DEFINITION = re.compile(r"^( {0,3}\[[^\[\]\n]++\]:[ \t]*+<?)([^<>\s#?]++)(#[^<>\s]*+)?", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def retarget(markdown: str, page: str, moved: Mapping[str, str]) -> str:
    """``markdown`` of the docs-tree page ``page`` with each relative link to a path in ``moved``
    (source path -> generated page, both docs-tree paths) pointing at the generated page."""
    if not moved or ".md" not in markdown.lower():
        return markdown
    for pattern in (_INLINE, _DEFINITION):
        markdown = _retarget(pattern, markdown, page, moved)
    return markdown


def _retarget(pattern: re.Pattern, markdown: str, page: str, moved: Mapping[str, str]) -> str:
    """One pass of :func:`retarget` (code spans found afresh: a pass moves what follows)."""
    spans = code_spans(markdown)
    starts = [a for a, _ in spans]
    folder = posixpath.dirname(page)

    def repl(m: re.Match) -> str:
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < spans[k][1]:
            return m.group(0)
        target = unquote(m.group(2))
        if target.startswith("/") or _SCHEME.match(target):
            return m.group(0)
        resolved = posixpath.normpath(posixpath.join(folder, target))
        generated = moved.get(resolved)
        if generated is None:
            return m.group(0)
        return m.group(1) + relative_md(page, generated) + (m.group(3) or "")

    return pattern.sub(repl, markdown)
