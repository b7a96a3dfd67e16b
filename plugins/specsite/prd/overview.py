"""Pages across all PRDs: the portfolio, the ranked backlog and the traceability matrix."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..adr.pages import status_badge
from ..core.escape import md_text
from ..core.graph import SpecGraph
from ..core.html_table import table_classes
from ..core.references import reference
from ..core.kind import GeneratedPage, SiteContext
from . import prioritisation, views
from .cells import cell, link, prose
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
    return [GeneratedPage(INDEX, "Product requirements", _portfolio(documents, graph)),
            *views.backlog(prds, graph, site, score), *views.traceability(prds, graph, site),
            prioritisation.page(prds, graph, site, score)]


def _release_key(release: str | None) -> tuple[int, str]:
    return (1, "") if not release else (0, release)


def _portfolio(documents: list[PrdDocument], graph: SpecGraph) -> str:
    prds = [d.prd for d in documents if d.prd is not None]
    total = sum(len(p.requirements) for p in prds)
    statuses = Counter(d.status or "invalid" for d in documents)
    lines = [
        "# Product requirements", "",
        f"{_count(len(documents), 'PRD')} with {_count(total, 'requirement')}. See also the [ranked backlog]"
        "(backlog.md), the [traceability matrix](traceability.md), the [roadmap](roadmap.md) and the "
        "[value/effort chart](prioritisation.md).", "",
    ]
    if statuses:
        order = [*STATUSES, "invalid"]
        lines += [" · ".join(f"{statuses[s]} {s}" for s in order if statuses[s]), ""]
    lines += [f'<div class="specsite-filter {table_classes((1, 3, 5, 6, 7))}" data-specsite-filter-column="3" '
              'markdown>', "",
              "| ID | PRD | Status | Owner | Release | Requirements | Must |",
              "|---|---|---|---|---|---|---|"]
    for d in documents:
        p = d.prd
        assert d.id is not None
        if p is None:
            lines.append(f"| {link(INDEX, graph, d.id)} | {prose(d.title)} | "
                         f"{status_badge(d.status)} | | | | |")
            continue
        musts = sum(1 for r in p.requirements if r.priority == "must")
        lines.append(f"| {link(INDEX, graph, p.id)} | {prose(p.title)} | {status_badge(p.status)} "
                     f"| {cell(p.owner)} | {cell(p.release) or UNSCHEDULED} | {len(p.requirements)} "
                     f"| {musts} |")
    lines += ["", "</div>", ""]
    if not documents:
        lines += ["No PRDs yet: `specsite new prd \"Title\"` writes the first one.", ""]
        return "\n".join(lines)
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
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
