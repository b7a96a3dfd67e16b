"""Pages across all PRDs: the portfolio, the ranked backlog and the traceability matrix."""

from __future__ import annotations

from collections import Counter, defaultdict
from urllib.parse import quote

from ..adr.pages import status_badge
from ..core.escape import html_attr, html_text, html_text_code, md_text
from ..core.html_table import Chunk, HtmlBlocks, HtmlTable, page_heading, pager, paginate
from ..core.graph import SpecGraph
from ..core.references import reference
from ..core.kind import GeneratedPage, SiteContext
from ..core.urls import relative_url
from . import prioritisation, views
from .cells import prose
from .entities import PAGE_DIR
from .model import STATUSES, Prd
from .reader import PrdDocument
from .views import UNSCHEDULED

INDEX = f"{PAGE_DIR}/index.md"
#: the most PRDs the portfolio names for one release or owner; the others are counted, with links
#: to the pages of the table that hold them, filtered by the release or owner
GROUP_LISTED = 10
#: the most releases (and owners) the portfolio lists; the others are counted
MAX_GROUPS = 50
#: the most pages of the table one release or owner links to
MAX_PAGE_LINKS = 10


def render(documents: list[PrdDocument], graph: SpecGraph, site: SiteContext,
           score: str = "rice") -> list[GeneratedPage]:
    """The portfolio, the backlog (ranked by ``score``), the traceability matrix and the
    prioritisation page (``documents``: one per PRD ID, in number order); the backlog and the
    matrix are paged HTML tables (:mod:`.views`)."""
    prds = [d.prd for d in documents if d.prd is not None]
    return [*_portfolio(documents, graph, site), *views.backlog(prds, graph, site, score),
            *views.traceability(prds, graph, site), prioritisation.page(prds, graph, site, score)]


def _release_key(release: str | None) -> tuple[int, str]:
    return (1, "") if not release else (0, release)


def _portfolio(documents: list[PrdDocument], graph: SpecGraph, site: SiteContext) -> list[GeneratedPage]:
    """The portfolio: every PRD in an HTML table of :data:`ROWS_PER_PAGE` rows a page, then the
    PRDs by release and by owner on the last page (:func:`_groups`: bounded, whatever the number
    of PRDs)."""
    prds = [d.prd for d in documents if d.prd is not None]
    total = sum(len(p.requirements) for p in prds)
    statuses = Counter(d.status or "invalid" for d in documents)
    chunks = paginate(INDEX, documents)
    labels = [(c.items[0].id if len(c.items) == 1 else f"{c.items[0].id} – {c.items[-1].id}")
              if c.items else "" for c in chunks]
    pages = []
    for chunk in chunks:
        nav = pager(chunk, chunks, labels, site.use_directory_urls)
        heading = page_heading("Product requirements", chunk, chunks)
        lines = [f"# {heading}", ""]
        if chunk.number == 1:
            lines += [f"{_count(len(documents), 'PRD')} with {_count(total, 'requirement')}. See also "
                      "the [ranked backlog](backlog.md), the [traceability matrix](traceability.md), the "
                      "[roadmap](roadmap.md) and the [value/effort chart](prioritisation.md).", ""]
            if statuses:
                order = [*STATUSES, "invalid"]
                lines += [" · ".join(f"{statuses[s]} {s}" for s in order if statuses[s]), ""]
        links = views.Links(graph, site, chunk.path)
        table = HtmlTable(["ID", "PRD", "Status", "Owner", "Release", "Requirements", "Must"],
                          filter_column=3, fit=(1, 3, 5, 6, 7))
        for d in chunk.items:
            p = d.prd
            assert d.id is not None
            if p is None:
                table.rows.append([links.one(d.id), html_text_code(d.title), status_badge(d.status),
                                   "", "", "", ""])
                continue
            musts = sum(1 for r in p.requirements if r.priority == "must")
            table.rows.append([links.one(p.id), html_text_code(p.title), status_badge(p.status),
                               html_text(p.owner), html_text(p.release) or UNSCHEDULED,
                               str(len(p.requirements)), str(musts)])
        blocks = HtmlBlocks()
        lines += [nav, blocks.add(table.render())]
        if chunk.number == len(chunks):
            lines += _groups(documents, prds, chunks, chunk.path, site)
        lines.append(nav)
        pages.append(GeneratedPage(chunk.path, heading, "\n".join(lines), html=blocks.html))
    return pages


def _groups(documents: list[PrdDocument], prds: list[Prd], chunks: list[Chunk[PrdDocument]],
            page: str, site: SiteContext) -> list[str]:
    """The PRDs by release and by owner (or how to write the first PRD): at most
    :data:`MAX_GROUPS` of each, naming at most :data:`GROUP_LISTED` PRDs of each; past that, the
    count and links to the pages of the table that hold the others, filtered by the name."""
    if not documents:
        return ["No PRDs yet: `specsite new prd \"Title\"` writes the first one.", ""]
    number_of = {d.id: chunk.number for chunk in chunks for d in chunk.items}
    lines: list[str] = []
    for heading, noun, key in (("By release", "release", lambda p: p.release or UNSCHEDULED),
                               ("By owner", "owner", lambda p: p.owner)):
        groups: dict[str, list[Prd]] = defaultdict(list)
        for p in prds:
            groups[key(p)].append(p)
        if not groups:
            continue
        lines += [f"## {heading}", ""]
        names = sorted(groups, key=lambda g: _release_key(None if g == UNSCHEDULED else g))
        for name in names[:MAX_GROUPS]:
            members = groups[name]
            items = ", ".join(f"{reference(p.id)} {prose(p.title)} ({md_text(p.status)})"
                              for p in members[:GROUP_LISTED])
            if len(members) > GROUP_LISTED:
                rest = sorted({number_of[p.id] for p in members[GROUP_LISTED:]})
                items = (f"{_count(len(members), 'PRD')} ({_statuses(members)}): {items} and "
                         f"{len(members) - GROUP_LISTED} more, in the table on "
                         f"{_page_links(name, rest, chunks, page, site)} (filtered to this {noun})")
            lines.append(f"- **{md_text(name)}**: {items}")
        if len(names) > MAX_GROUPS:
            others = sum(len(groups[n]) for n in names[MAX_GROUPS:])
            lines.append(f"- {_count(len(names) - MAX_GROUPS, f'more {noun}')} with "
                         f"{_count(others, 'PRD')}: the table lists them.")
        lines.append("")
    return lines


def _statuses(prds: list[Prd]) -> str:
    """``1 draft, 3 approved``: how many of ``prds`` have each status, in lifecycle order."""
    counts = Counter(p.status for p in prds)
    return ", ".join(f"{counts[s]} {md_text(s)}" for s in STATUSES if counts[s])


def _page_links(name: str, numbers: list[int], chunks: list[Chunk[PrdDocument]], page: str,
                site: SiteContext) -> str:
    """Links to the pages ``numbers`` of the table, each filtered to the rows holding ``name``
    (``specsite.js`` reads ``?text=``); raw HTML with final URLs, as the pager's."""
    query = "?text=" + quote(name, safe="")
    links = []
    for number in numbers[:MAX_PAGE_LINKS]:
        href = relative_url(page, chunks[number - 1].path, site.use_directory_urls) + query
        links.append(f'<a href="{html_attr(href)}">{number}</a>')
    more = f" and {len(numbers) - MAX_PAGE_LINKS} more pages" if len(numbers) > MAX_PAGE_LINKS else ""
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(links) + more


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
