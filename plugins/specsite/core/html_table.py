"""Large generated tables as HTML, split into pages of a bounded number of rows.

A table of ten thousand rows costs Python-Markdown more than a second per thousand rows (every cell
goes through the inline patterns) and makes a page of megabytes. So views that grow with the
specs (the backlog, the traceability matrix) write their tables as HTML directly, cells escaped
with :mod:`specsite.core.escape` by their renderer, and :func:`paginate` spreads their rows over
pages of at most :data:`ROWS_PER_PAGE` rows: the first page keeps the view's path
(``requirements/backlog.md``), the others go in a folder of that name (``requirements/backlog/2.md``)
so they sit below it in the site. ``specsite.js`` filters and sorts each table in the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Sequence, TypeVar

from .escape import html_attr, html_text
from .urls import relative_url

#: the most rows a generated page shows; 1,000 rows of a wide table is about 400 KB of HTML
ROWS_PER_PAGE = 1000
#: columns up to this number can be fitted to their content (specsite.css has a rule for each)
FIT_COLUMNS = 9

T = TypeVar("T")


@dataclass
class HtmlTable:
    """One table: header labels (plain text), rows of HTML cells, and how the page filters it."""

    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    #: 1-based column whose values become the filter buttons (``None``: no buttons)
    filter_column: int | None = None
    #: 1-based columns of short values (ranks, statuses, dates, counts) that fit their content
    #: on one line, so the text columns get the width (:func:`table_classes`)
    fit: tuple[int, ...] = ()
    #: 1-based text columns given the larger share of the width (a requirement's text)
    wide: tuple[int, ...] = ()

    def render(self) -> str:
        """The table inside a ``specsite-filter`` box (text filter, sortable columns)."""
        attrs = f' class="specsite-filter {table_classes(self.fit, self.wide)}" data-specsite-sortable="1"'
        if self.filter_column is not None:
            attrs += f' data-specsite-filter-column="{self.filter_column}"'
        head = "".join(f"<th>{html_text(h)}</th>" for h in self.headers)
        body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in self.rows)
        return f"<div{attrs}>\n<table>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>\n"


def table_classes(fit: tuple[int, ...] = (), wide: tuple[int, ...] = ()) -> str:
    """The classes of the box around a generated table (an HTML or a Markdown one): the table
    takes the column's width, each column in ``fit`` (1-based, at most :data:`FIT_COLUMNS`) is as
    wide as its content and never wraps, and each in ``wide`` takes at least 40% of the width,
    leaving the rest to the other text columns."""
    def named(prefix: str, columns: tuple[int, ...]) -> list[str]:
        return [f"specsite-{prefix}-c{n}" for n in sorted(set(columns)) if 1 <= n <= FIT_COLUMNS]
    return " ".join(["specsite-table", *named("fit", fit), *named("wide", wide)])


class HtmlBlocks:
    """Raw HTML a generated page keeps out of Python-Markdown.

    Markdown passes raw HTML through, but parses all of it on the way (the ``md_in_html``
    extension looks into every tag): a page of a thousand table rows cost more in that parse than
    in everything else. :meth:`add` returns a marker line for the page's Markdown instead, and the
    MkDocs plugin puts the HTML in the marker's place once Markdown has run, before the one
    sanitiser pass. The marker is an HTML comment, which no escaped spec value can write.
    """

    def __init__(self) -> None:
        #: what :func:`put_back` replaces (the marker, maybe with the line break after it) -> HTML
        self.html: dict[str, str] = {}

    def add(self, html: str, exact: bool = False) -> str:
        """The Markdown that stands for ``html`` (a block of its own). With ``exact``, ``html``
        takes the place of what Markdown made of the Markdown it replaces, blank lines included:
        Markdown writes a blank line after a marker, but none between the blocks it makes, so
        the line break after the marker goes too (the page is the same HTML, byte for byte)."""
        marker = f"<!--specsite-html-{len(self.html)}-->"
        self.html[marker + "\n" if exact else marker] = html
        return f"\n{marker}\n"


def put_back(html: str, blocks: dict[str, str]) -> str:
    """``html`` (a page Markdown made) with each marker of ``blocks`` replaced by its HTML."""
    for marker, block in blocks.items():
        if marker in html:
            html = html.replace(marker, block, 1)
        else:  # an exact block that ends the page: Markdown wrote no line break after it
            html = html.replace(marker.rstrip("\n"), block, 1)
    return html


@dataclass
class Chunk(Generic[T]):
    """The rows one page shows: its path, its number (1-based) and its items."""

    path: str
    number: int
    items: list[T]


def page_path(path: str, number: int) -> str:
    """The path of page ``number`` of the view at ``path`` (``backlog.md`` -> ``backlog/2.md``)."""
    return path if number == 1 else f"{path[:-3]}/{number}.md"


def paginate(path: str, items: Sequence[T], limit: int | None = None) -> list[Chunk[T]]:
    """``items`` in pages of at most ``limit`` (:data:`ROWS_PER_PAGE` by default); always at
    least one page, maybe empty."""
    limit = limit or ROWS_PER_PAGE
    chunks = [Chunk(page_path(path, n + 1), n + 1, list(items[i:i + limit]))
              for n, i in enumerate(range(0, len(items), limit))]
    return chunks or [Chunk(path, 1, [])]


def page_heading(title: str, chunk: Chunk, chunks: Sequence[Chunk]) -> str:
    """The heading of one page of a view: ``title`` on the first, ``title (page 2 of 3)`` after."""
    return title if chunk.number == 1 else f"{title} (page {chunk.number} of {len(chunks)})"


def pager(chunk: Chunk, chunks: Sequence[Chunk], labels: Sequence[str],
          use_directory_urls: bool) -> str:
    """Links to every page of a view (``labels``: what each page holds, e.g. ``1–1,000``); empty
    when the view fits on one page."""
    if len(chunks) < 2:
        return ""
    parts = []
    for other, label in zip(chunks, labels):
        if other.number == chunk.number:
            parts.append(f'<strong aria-current="page">{html_text(label)}</strong>')
        else:
            href = relative_url(chunk.path, other.path, use_directory_urls)
            parts.append(f'<a href="{html_attr(href)}">{html_text(label)}</a>')
    return ('<nav class="specsite-pager" aria-label="Pages of this view">'
            f"Page {chunk.number} of {len(chunks)}: " + " · ".join(parts) + "</nav>\n")
