"""API descriptions rendered for a page, and small Markdown builders.

Descriptions are Markdown written by anyone who can open a pull request, and they sit inside
structure specsite writes: table cells, response list items, blocks between generated headings.
Left as Markdown in the page, a ``|``, an open fence, ``</div>`` or an unterminated HTML block in
one would reach outside its place and swallow the rest of the page. So each description is
rendered to HTML on its own, with its ``[[ID]]`` references resolved to final URLs, sanitised,
and embedded as one Markdown-inert line (:func:`specsite.core.escape.md_html`): it keeps its
formatting, links and lists and cannot leave the cell, item or block it is put in.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable
from xml.etree.ElementTree import Element

import markdown as python_markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..core import escape
from ..core.xref import Reference, rewrite

_CUT = "\n... (cut: the example is longer)"
# one line with no mark Markdown or HTML gives a meaning to renders as its own text: most
# descriptions, written without going through Markdown and the sanitiser
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.;:'\"()/?%=+-]*")


def cell(text: Any) -> str:
    """A spec value as plain text in generated Markdown (a table cell, a heading), one line."""
    return escape.md_text(text)


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table of cells already escaped for it."""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(out)


def code_block(value: Any, limit: int = 3000, indent: str = "") -> str:
    """An example as a fenced block (JSON unless it is text), cut at ``limit`` characters; no
    line of the example can close the fence."""
    text = value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False, default=str)
    if len(text) > limit:
        text = text[:limit] + _CUT
    return escape.md_fence(text, "text" if isinstance(value, str) else "json", indent)


class _Demote(Treeprocessor):
    """Headings of a description below the page's own: ``#`` becomes ``####`` at least."""

    def __init__(self, md: python_markdown.Markdown, min_level: int) -> None:
        super().__init__(md)
        self.min_level = min_level

    def run(self, root: Element) -> None:
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1] in "123456":
                element.tag = f"h{max(int(element.tag[1]), self.min_level)}"


class _DemoteHeadings(Extension):
    def __init__(self, min_level: int) -> None:
        super().__init__()
        self.min_level = min_level

    def extendMarkdown(self, md: python_markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_Demote(md, self.min_level), "specsite_demote", 5)


class Descriptions:
    """Renders the descriptions of one site's API pages (a Markdown instance reused, results
    remembered: large APIs repeat the same descriptions many times)."""

    def __init__(self, link: Callable[[Reference, str], str], min_heading: int = 4) -> None:
        #: ``link(reference, page)``: the Markdown for one ``[[ID]]`` on ``page``
        self.link = link
        self._md = python_markdown.Markdown(
            extensions=["tables", "fenced_code", "sane_lists", _DemoteHeadings(min_heading)],
            output_format="html")
        self._done: dict[tuple[str, str, bool], str] = {}

    def _html(self, text: str, page: str, inline: bool) -> str:
        if _PLAIN.fullmatch(text):
            return escape.md_text(text) if inline else f"<p>{escape.md_text(text)}</p>"
        # only a description with a reference renders differently on each page
        key = (text, page if "[[" in text else "", inline)
        if key not in self._done:
            source = rewrite(text, lambda ref: self.link(ref, page))
            html = self._md.reset().convert(source)
            if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
                html = html[3:-4]  # one paragraph in a cell or after a list marker: no margins
            self._done[key] = escape.md_html(html)
        return self._done[key]

    def block(self, text: Any, page: str) -> str:
        """A description as a block of its own (an empty string when there is none)."""
        if not isinstance(text, str) or not text.strip():
            return ""
        return f'<div class="specsite-description">{self._html(text, page, False)}</div>'

    def inline(self, text: Any, page: str) -> str:
        """A description inside a table cell or a list item, on one line."""
        if not isinstance(text, str) or not text.strip():
            return ""
        return self._html(text, page, True)
