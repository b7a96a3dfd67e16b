"""Pages across all PRDs: the portfolio, the ranked backlog and the traceability matrix."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..adr.pages import status_badge
from ..core.graph import SpecGraph
from ..core.kind import GeneratedPage
from ..core.xref import normalise
from .cells import cell, link, links, mix_cells, number, share
from .entities import PAGE_DIR, api_target, c4_target, requirement_id, rice_score
from .model import COMMITTED, PRIORITIES, STATUSES, Prd, Requirement
from .reader import PrdDocument

INDEX = f"{PAGE_DIR}/index.md"
BACKLOG = f"{PAGE_DIR}/backlog.md"
TRACEABILITY = f"{PAGE_DIR}/traceability.md"
UNSCHEDULED = "unscheduled"
#: PRDs whose requirements are still to build: the backlog leaves out shipped and deprecated ones
OPEN_STATUSES = ("draft", "review", "approved")
_MIX_HEADER = "| Must | Should | Could | Won't | Must share of effort |"


@dataclass(frozen=True)
class Row:
    """One requirement with the PRD it belongs to."""

    prd: Prd
    req: Requirement

    @property
    def id(self) -> str:
        return requirement_id(self.prd.id, self.req.id)


def render(documents: list[PrdDocument], graph: SpecGraph) -> list[GeneratedPage]:
    """The three overview pages (``documents``: one per PRD ID, in number order)."""
    prds = [d.prd for d in documents if d.prd is not None]
    return [
        GeneratedPage(INDEX, "Product requirements", _portfolio(documents, graph)),
        GeneratedPage(BACKLOG, "Backlog", _backlog(prds, graph)),
        GeneratedPage(TRACEABILITY, "Traceability", _traceability(prds, graph)),
    ]


def _release_key(release: str | None) -> tuple[int, str]:
    return (1, "") if not release else (0, release)


def _portfolio(documents: list[PrdDocument], graph: SpecGraph) -> str:
    prds = [d.prd for d in documents if d.prd is not None]
    total = sum(len(p.requirements) for p in prds)
    statuses = Counter(d.status or "invalid" for d in documents)
    lines = [
        "# Product requirements", "",
        f"{_count(len(documents), 'PRD')} with {_count(total, 'requirement')}. See also the [ranked backlog]"
        "(backlog.md) and the [traceability matrix](traceability.md).", "",
    ]
    if statuses:
        order = [*STATUSES, "invalid"]
        lines += [" · ".join(f"{statuses[s]} {s}" for s in order if statuses[s]), ""]
    lines += ['<div class="specsite-filter" data-specsite-filter-column="3" markdown>', "",
              "| ID | PRD | Status | Owner | Release | Requirements | Must |",
              "|---|---|---|---|---|---|---|"]
    for d in documents:
        p = d.prd
        assert d.id is not None
        if p is None:
            lines.append(f"| {link(INDEX, graph, d.id)} | {cell(d.title)} | "
                         f"{status_badge(d.status)} | | | | |")
            continue
        musts = sum(1 for r in p.requirements if r.priority == "must")
        lines.append(f"| {link(INDEX, graph, p.id)} | {cell(p.title)} | {status_badge(p.status)} "
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
            items = ", ".join(f"[[{p.id}]] {p.title} ({p.status})" for p in groups[name])
            lines.append(f"- **{name}**: {items}")
        lines.append("")
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _backlog(prds: list[Prd], graph: SpecGraph) -> str:
    rows = [Row(p, r) for p in prds if p.status in OPEN_STATUSES
            for r in p.requirements if r.priority != "wont"]
    scored = sorted((r for r in rows if rice_score(r.req) is not None),
                    key=lambda r: (-(rice_score(r.req) or 0), PRIORITIES.index(r.req.priority), r.id))
    unscored = [r for r in rows if rice_score(r.req) is None]
    lines = [
        "# Backlog", "",
        "Requirements of PRDs in draft, review or approved, ranked by RICE score "
        "(reach × impact × confidence / effort) across all products. Won't-have requirements "
        "and shipped or deprecated PRDs are left out.", "",
        '<div class="specsite-filter" data-specsite-filter-column="3" markdown>', "",
        "| Rank | Requirement | Priority | Release | Reach × impact × confidence / effort | Score |",
        "|---|---|---|---|---|---|",
    ]
    for rank, row in enumerate(scored, 1):
        r = row.req.rice
        assert r is not None
        lines.append(
            f"| {rank} | {_requirement(row, graph)} | {row.req.priority} | {cell(row.prd.release) or UNSCHEDULED} "
            f"| {number(r.reach)} × {number(r.impact)} × {number(r.confidence)} / {number(r.effort)} "
            f"| **{number(rice_score(row.req))}** |")
    lines += ["", "</div>", ""]
    if not scored:
        lines += ["No requirement has a complete RICE score yet.", ""]
    if unscored:
        lines += ["## Not scored", "",
                  "These requirements give no complete `rice`, so they cannot be ranked.", "",
                  '<div class="specsite-filter" data-specsite-filter-column="2" markdown>', "",
                  "| Requirement | Priority | Release |", "|---|---|---|"]
        for row in sorted(unscored, key=lambda r: (PRIORITIES.index(r.req.priority), r.id)):
            lines.append(f"| {_requirement(row, graph)} | {row.req.priority} "
                         f"| {cell(row.prd.release) or UNSCHEDULED} |")
        lines += ["", "</div>", ""]
    live = [p for p in prds if p.status != "deprecated"]
    lines += ["## MoSCoW mix per PRD", "",
              "Requirement counts by priority; the share of RICE effort in must requirements "
              "should stay within the budget (`prd_must_budget`, 60% by default).", "",
              "| PRD | Status | " + _MIX_HEADER[2:], "|---|---|---|---|---|---|---|"]
    for p in live:
        lines.append(f"| {link(BACKLOG, graph, p.id)} | {status_badge(p.status)} | "
                     + " | ".join(mix_cells(p.requirements)) + " |")
    lines += ["", "## MoSCoW mix per release", "",
              "| Release | " + _MIX_HEADER[2:], "|---|---|---|---|---|---|"]
    by_release: dict[str, list[Requirement]] = defaultdict(list)
    for p in live:
        by_release[p.release or UNSCHEDULED].extend(p.requirements)
    for name in sorted(by_release, key=lambda g: _release_key(None if g == UNSCHEDULED else g)):
        lines.append(f"| {cell(name)} | " + " | ".join(mix_cells(by_release[name])) + " |")
    return "\n".join(lines) + "\n"


def _requirement(row: Row, graph: SpecGraph, page: str = BACKLOG) -> str:
    return f"{link(page, graph, row.id)} {cell(row.req.text)}"


def _traceability(prds: list[Prd], graph: SpecGraph) -> str:
    rows = [Row(p, r) for p in prds if p.status != "deprecated" for r in p.requirements]
    lines = [
        "# Traceability", "",
        "Each requirement against the decisions it relies on, the architecture elements it "
        "touches and the API operations that implement it — as the requirement itself states "
        "them (`adrs`, `c4`, `apis`). What a whole PRD relies on is listed "
        "[below](#prd-level-traces).", "",
        "## Coverage", "",
    ]
    lines += _coverage(rows)
    lines += ["## Matrix", "",
              '<div class="specsite-filter" data-specsite-filter-column="2" markdown>', "",
              "| Requirement | PRD status | Priority | Decisions | Elements | Operations |",
              "|---|---|---|---|---|---|"]
    for row in rows:
        r = row.req
        lines.append(
            f"| {_requirement(row, graph, TRACEABILITY)} | {status_badge(row.prd.status)} "
            f"| {r.priority} | {links(TRACEABILITY, graph, [normalise(a) for a in r.adrs]) or '–'} "
            f"| {links(TRACEABILITY, graph, [c4_target(c) for c in r.c4]) or '–'} "
            f"| {links(TRACEABILITY, graph, [api_target(a) for a in r.apis]) or '–'} |")
    lines += ["", "</div>", "", "## PRD-level traces", "",
              "| PRD | Status | Decisions | Elements |", "|---|---|---|---|"]
    for p in prds:
        if p.status == "deprecated":
            continue
        lines.append(f"| {link(TRACEABILITY, graph, p.id)} | {status_badge(p.status)} "
                     f"| {links(TRACEABILITY, graph, [normalise(a) for a in p.adrs]) or '–'} "
                     f"| {links(TRACEABILITY, graph, [c4_target(c) for c in p.c4]) or '–'} |")
    return "\n".join(lines) + "\n"


def _coverage(rows: list[Row]) -> list[str]:
    musts = [r.req for r in rows if r.prd.status in COMMITTED and r.req.priority == "must"]
    measures = [
        ("trace to an operation or a decision", lambda r: bool(r.apis or r.adrs)),
        ("trace to an operation", lambda r: bool(r.apis)),
        ("trace to a decision", lambda r: bool(r.adrs)),
        ("trace to an architecture element", lambda r: bool(r.c4)),
        ("have acceptance criteria (or a target, when non-functional)",
         lambda r: bool(r.acceptance) or (not r.functional and r.target is not None)),
    ]
    lines = [f"Must requirements of approved and shipped PRDs: {len(musts)}.", "",
             "| Must requirements of approved and shipped PRDs that… | Count | Share |",
             "|---|---|---|"]
    for text, test in measures:
        hit = sum(1 for r in musts if test(r))
        lines.append(f"| {text} | {hit} of {len(musts)} | {share(hit, len(musts))} |")
    everything = [r.req for r in rows]
    traced = sum(1 for r in everything if r.apis or r.adrs or r.c4)
    lines.append(f"| *All requirements (any priority and status) tracing to anything* "
                 f"| {traced} of {len(everything)} | {share(traced, len(everything))} |")
    return lines + [""]
