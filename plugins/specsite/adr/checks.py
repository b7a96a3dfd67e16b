"""Checks over all decisions at once (so every finding is collected, not the first)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..core.config import SpecsiteConfig
from ..core.findings import Finding
from ..core.graph import SpecGraph
from . import rules
from .model import STANDARD_STATUSES, Decision, is_pair, label

if TYPE_CHECKING:
    from .kind import AdrModel


def check_all(model: "AdrModel", graph: SpecGraph, config: SpecsiteConfig) -> list[Finding]:
    """Every ADR rule over every decision."""
    findings: list[Finding] = []
    findings += _duplicates(model.decisions)
    for d in model.decisions:
        findings += _fields(d, config)
    findings += _links(model)
    findings += _cycles(model)
    findings += _superseded_twice(model)
    return findings


def _duplicates(decisions: list[Decision]) -> list[Finding]:
    by_id: dict[str, list[Decision]] = defaultdict(list)
    for d in decisions:
        by_id[d.id].append(d)
    out = []
    for adr_id, group in sorted(by_id.items()):
        for d in group[1:]:
            what = f"number {d.number}" if d.number is not None else f"ID {adr_id}"
            out.append(rules.DUPLICATE_ID.at(
                f"{what} is already used by {group[0].file}", d.file, d.title_line, None, adr_id))
    return out


def _fields(d: Decision, config: SpecsiteConfig) -> list[Finding]:
    out = []
    at = dict(file=d.file, entity=d.id)
    if not d.title:
        out.append(rules.MISSING_TITLE.at("decision has no title: add a '# Title' heading", line=1, **at))
    if d.status is None:
        out.append(rules.MISSING_STATUS.at(
            "decision states no status (add 'status:' front matter, a 'Status:' line or a "
            "'## Status' section)", line=d.title_line, **at))
    elif d.status not in STANDARD_STATUSES and d.status not in config.adr_statuses:
        allowed = ", ".join(STANDARD_STATUSES + tuple(config.adr_statuses))
        out.append(rules.UNKNOWN_STATUS.at(
            f"unknown status '{d.status}' (known: {allowed}; declare custom ones in adr_statuses)",
            line=d.status_line, **at))
    if d.date_raw is None:
        out.append(rules.MISSING_DATE.at("decision states no date", line=d.title_line, **at))
    elif d.date is None:
        out.append(rules.INVALID_DATE.at(
            f"date '{d.date_raw}' is not an ISO 8601 date (YYYY-MM-DD)", line=d.date_line, **at))
    if d.status == "superseded" and not any(l.rel == "superseded-by" for l in d.links):
        out.append(rules.SUPERSEDED_WITHOUT_SUCCESSOR.at(
            "decision is superseded but does not say by which decision (add 'Superseded by ...')",
            line=d.status_line, **at))
    if d.number is not None and d.heading_number is not None and d.number != d.heading_number:
        out.append(rules.NUMBER_MISMATCH.at(
            f"file name says {d.number} but the heading says {d.heading_number}",
            line=d.title_line, **at))
    if d.status == "accepted":
        has_decision = any("decision" in s for s in d.sections)
        has_consequences = any("consequence" in s for s in d.sections)
        missing = [name for name, ok in (("decision", has_decision),
                                         ("consequences", has_consequences)) if not ok]
        if missing:
            out.append(rules.MISSING_SECTIONS.at(
                f"accepted decision has no {' and no '.join(missing)} section",
                line=d.title_line, **at))
    return out


def _links(model: "AdrModel") -> list[Finding]:
    out = []
    by_id = {}
    for d in model.decisions:
        by_id.setdefault(d.id, d)
    for d in model.decisions:
        for i, link in enumerate(d.links):
            target = model.target(d, i)
            if target is None:
                out.append(rules.UNKNOWN_LINK.at(
                    f"'{label(link.rel)} {link.raw}' names no decision in the ADR folders",
                    d.file, link.line, None, d.id))
                continue
            other = by_id[target]
            back = any(
                model.target(other, j) == d.id and is_pair(link.rel, o.rel)
                for j, o in enumerate(other.links))
            if not back and other is not d:
                out.append(rules.ONE_WAY_LINK.at(
                    f"{d.id} says '{label(link.rel)} {target}' but {target} ({other.file}) does not "
                    f"link back to {d.id}", d.file, link.line, None, d.id))
    return out


def successors(model: "AdrModel") -> dict[str, set[str]]:
    """Decision ID -> the decisions that supersede it, by either side's statement."""
    out: dict[str, set[str]] = defaultdict(set)
    for d in model.decisions:
        for i, link in enumerate(d.links):
            target = model.target(d, i)
            if target is None or target == d.id:
                continue
            if link.rel == "superseded-by":
                out[d.id].add(target)
            elif link.rel == "supersedes":
                out[target].add(d.id)
    return out


def _superseded_twice(model: "AdrModel") -> list[Finding]:
    first: dict[str, Decision] = {}
    for d in model.decisions:
        first.setdefault(d.id, d)
    out = []
    for adr_id, later in sorted(successors(model).items()):
        if len(later) > 1 and adr_id in first:
            d = first[adr_id]
            out.append(rules.SUPERSEDED_TWICE.at(
                f"{adr_id} is superseded by {len(later)} decisions ({', '.join(sorted(later))}); "
                f"only one can replace it: keep one successor and let the others amend it",
                d.file, d.status_line or d.title_line, None, adr_id))
    return out


def _cycles(model: "AdrModel") -> list[Finding]:
    """A supersede cycle: following 'supersedes' (either side's statement) leads back."""
    edges: dict[str, set[str]] = defaultdict(set)
    first: dict[str, Decision] = {}
    for d in model.decisions:
        first.setdefault(d.id, d)
        for i, link in enumerate(d.links):
            target = model.target(d, i)
            if target is None:
                continue
            if link.rel == "supersedes":
                edges[d.id].add(target)
            elif link.rel == "superseded-by":
                edges[target].add(d.id)
    out, reported = [], set()
    for start in sorted(edges):
        cycle = _find_cycle(start, edges)
        if cycle and frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            d = first[min(cycle)]
            path = " -> ".join(_rotate(cycle) + [_rotate(cycle)[0]])
            out.append(rules.SUPERSEDE_CYCLE.at(
                f"supersede cycle: {path}", d.file, d.status_line or d.title_line, None, d.id))
    return out


def _find_cycle(start: str, edges: dict[str, set[str]]) -> list[str] | None:
    """The shortest path from ``start`` back to itself, if any (breadth-first, linear)."""
    parent: dict[str, str] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(edges.get(node, ())):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return list(reversed(path))
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    return None


def _rotate(cycle: list[str]) -> list[str]:
    i = cycle.index(min(cycle))
    return cycle[i:] + cycle[:i]
