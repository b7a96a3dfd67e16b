"""Pages across all PRDs: the portfolio, the ranked backlog and the traceability matrix."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..adr.pages import status_badge
from ..core.escape import html_text, html_text_code, md_text
from ..core.html_table import HtmlBlocks, HtmlTable, paginate, pager
from ..core.graph import SpecGraph
from ..core.references import reference
from ..core.kind import GeneratedPage, SiteContext
from . import prioritisation, views
from .cells import prose
from .entities import PAGE_DIR
from .model import STATUSES, Prd
from .reader import PrdDocument
from .views import UNSCHEDULED

INDEX = f"{PAGE_DIR}/index.md"


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
    PRDs by release and by owner on the last page."""
    prds = [d.prd for d in documents if d.prd is not None]
    total = sum(len(p.requirements) for p in prds)
    statuses = Counter(d.status or "invalid" for d in documents)
    chunks = paginate(INDEX, documents)
    labels = [f"{c.items[0].id} – {c.items[-1].id}" if c.items else "" for c in chunks]
    pages = []
    for chunk in chunks:
        nav = pager(chunk, chunks, labels, site.use_directory_urls)
        heading = "Product requirements" if chunk.number == 1 else \
            f"Product requirements (page {chunk.number} of {len(chunks)})"
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
            lines += _groups(documents, prds)
        lines.append(nav)
        pages.append(GeneratedPage(chunk.path, heading, "\n".join(lines), html=blocks.html))
    return pages


def _groups(documents: list[PrdDocument], prds: list[Prd]) -> list[str]:
    """The PRDs by release and by owner (or how to write the first PRD)."""
    if not documents:
        return ["No PRDs yet: `specsite new prd \"Title\"` writes the first one.", ""]
    lines: list[str] = []
    for heading, key in (("By release", lambda p: p.release or UNSCHEDULED), ("By owner", lambda p: p.owner)):
        groups: dict[str, list[Prd]] = defaultdict(list)
        for p in prds:
            groups[key(p)].append(p)
        if not groups:
            continue
        lines += [f"## {heading}", ""]
        names = sorted(groups, key=lambda g: _release_key(None if g == UNSCHEDULED else g))
        for name in names:
            items = ", ".join(f"{reference(p.id)} {prose(p.title)} ({md_text(p.status)})" for p in groups[name])
            lines.append(f"- **{md_text(name)}**: {items}")
        lines.append("")
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
