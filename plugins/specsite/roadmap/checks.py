"""The roadmap rules over the plan built by :mod:`.plan` (every finding collected)."""

from __future__ import annotations

from ..core.findings import Finding
from ..core.graph import SpecGraph
from . import rules
from .cycles import find_cycles
from .plan import Dependency, Item, Roadmap

#: the most steps of a cycle a message names
MAX_CYCLE_SHOWN = 20


def check_all(roadmap: Roadmap, graph: SpecGraph, config_file: str | None) -> list[Finding]:
    """ROAD001 to ROAD006 over every valid PRD (the ``statuses`` option only filters the pages)."""
    items = roadmap.by_id()
    findings: list[Finding] = []
    for item in roadmap.items:
        for dep in item.depends_on:
            target = items.get(dep.target_prd)
            if target is None or target.id == item.id:
                continue
            findings += _release_order(roadmap, item, dep, target)
            findings += _shipped(item, dep, target)
        findings += _milestones(roadmap, item)
        findings += _unlisted(roadmap, item)
    findings += [rules.DEPENDENCY_CYCLE.at(
        f"dependency cycle: {_cycle_text(c.path)}; none of them can go first: remove one of these "
        f"depends_on entries", c.link.file, c.link.line, c.link.column, c.source)
        for c in find_cycles(graph)]
    for name in roadmap.unknown_current:
        findings.append(rules.UNKNOWN_CURRENT.at(
            f"roadmap.current names release '{name}', but no shown PRD is planned for it "
            f"(releases: {', '.join(r for r in roadmap.releases) or 'none'}); Now is the first "
            "release with a PRD not yet shipped instead", config_file, None))
    return findings


def _cycle_text(path: list[str]) -> str:
    """``A → B → A``; a long cycle names its first and last steps and counts the rest."""
    if len(path) <= MAX_CYCLE_SHOWN:
        return " → ".join(path)
    head, tail = path[:MAX_CYCLE_SHOWN - 3], path[-3:]
    return f"{' → '.join(head)} → … ({len(path) - len(head) - len(tail)} more) → {' → '.join(tail)}"


def _where(dep: Dependency) -> dict:
    return {"file": dep.link.file, "line": dep.link.line, "column": dep.link.column,
            "entity": dep.source}


def _named(dep: Dependency) -> str:
    return dep.target if dep.target == dep.target_prd else f"{dep.target} (of {dep.target_prd})"


def _release_order(roadmap: Roadmap, item: Item, dep: Dependency, target: Item) -> list[Finding]:
    if item.status in ("shipped", "deprecated") or target.status in ("shipped", "deprecated"):
        return []  # a shipped dependency is there already; a shipped PRD is ROAD003's
    if roadmap.order.compare(item.release, target.release) != -1:
        return []
    return [rules.EARLIER_THAN_DEPENDENCY.at(
        f"{dep.source} depends on {_named(dep)}, but {item.id} is planned for {item.release} and "
        f"{target.id} for the later {target.release}: plan {item.id} for {target.release} or "
        f"later, or {target.id} earlier", **_where(dep))]


def _shipped(item: Item, dep: Dependency, target: Item) -> list[Finding]:
    if item.status != "shipped" or target.status == "shipped":
        return []
    return [rules.SHIPPED_ON_UNSHIPPED.at(
        f"{item.id} is shipped, but {dep.source} depends on {_named(dep)}, which is "
        f"{target.status}: ship {target.id} first, or move {item.id} back from shipped",
        **_where(dep))]


def _milestones(roadmap: Roadmap, item: Item) -> list[Finding]:
    if item.status == "deprecated" or not item.release:
        return []
    end = roadmap.order.end(item.release)
    if end is None:
        return []
    return [rules.MILESTONE_AFTER_RELEASE.at(
        f"milestone '{m.name}' of {item.id} is dated {m.date}, after release {item.release} ends "
        f"({end.isoformat()}): move the milestone into the release, or the PRD to a later release",
        item.doc.file, m.line, m.column, item.id)
        for m in item.milestones if m.period is not None and m.period.start > end]


def _unlisted(roadmap: Roadmap, item: Item) -> list[Finding]:
    order = roadmap.order
    if not order.configured or not item.release or order.listed(item.release) or \
            order.key(item.release)[0] == 1:
        return []
    listed = ", ".join(r.name for r in order.configured)
    return [rules.UNLISTED_RELEASE.at(
        f"{item.id} is planned for release '{item.release}', which roadmap.releases does not list "
        f"({listed}): add it there, or correct the release", item.doc.file,
        item.doc.line("release"), None, item.id)]
