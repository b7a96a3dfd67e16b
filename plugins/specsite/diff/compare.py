"""The generic part of a diff: pairing entities of two sides, field and link differences, and
the orchestration that runs every kind's comparer and adds impact and new findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping, Protocol

from ..core.entities import Entity
from .model import CHANGES, Change, FieldChange, Place, apply_levels, make
from .removed_elements import removed_element_findings
from .snapshot import Snapshot

SPEC_UNREADABLE = CHANGES.define(
    "spec-unreadable", "warning", "spec",
    "A spec file has an error on one side, so what it defines there is not compared (the other "
    "kinds and files still are).")


class Comparer(Protocol):
    """What a kind contributes to the diff: the changes between two sides for its entities."""

    name: str

    def compare(self, ctx: "Context") -> list[Change]: ...


@dataclass
class Context:
    """The two sides a comparer compares."""

    base: Snapshot
    head: Snapshot
    #: the day date-bound checks (``x-sunset``) compare with; None when unknown (then they
    #: assume the date has not come)
    as_of: dt.date | None = None
    #: (side, file) pairs whose specs could not be read, noted by comparers and the orchestrator
    skipped: set[tuple[str, str]] = field(default_factory=set)

    def side(self, label: str) -> Snapshot:
        return self.base if label == "base" else self.head

    def unreadable_on(self, label: str, file: str | None) -> bool:
        """True (and noted) when ``file`` has an error on side ``label``: what it defines there
        may be missing because it could not be read, not because it was removed."""
        if file and file in self.side(label).unreadable():
            self.skipped.add((label, file))
            return True
        return False


@dataclass
class DiffReport:
    """Everything ``specsite diff`` reports."""

    base: str
    head: str
    changes: list[Change] = field(default_factory=list)
    #: findings on HEAD that BASE does not have (by code, entity and message, not line)
    new_findings: list[dict[str, Any]] = field(default_factory=list)
    #: findings on BASE that HEAD no longer has
    resolved_findings: list[dict[str, Any]] = field(default_factory=list)
    #: how BASE was chosen (``merge-base of HEAD and origin/HEAD``...), for the output
    base_note: str = ""
    #: the day sunset dates were compared with, and where it came from (for the output)
    as_of: dt.date | None = None
    as_of_note: str = ""


def place(entity: Entity | None) -> Place | None:
    """Where an entity is defined, or None."""
    return Place(entity.file, entity.line) if entity is not None and entity.file else None


def page_of(entity: Entity | None) -> str | None:
    """The entity's page with its anchor, as links from reports want it."""
    if entity is None or not entity.page:
        return None
    return entity.page + (f"#{entity.anchor}" if entity.anchor else "")


def pairs(ctx: Context, kinds: Iterable[str]) -> Iterator[tuple[str, Entity | None, Entity | None]]:
    """``(id, base entity, head entity)`` for every entity of ``kinds`` on either side, by ID."""
    wanted = set(kinds)
    before = {e.id: e for e in ctx.base.graph if e.kind in wanted}
    after = {e.id: e for e in ctx.head.graph if e.kind in wanted}
    for entity_id in sorted(before.keys() | after.keys()):
        yield entity_id, before.get(entity_id), after.get(entity_id)


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any], keys: Iterable[str],
                  prefix: str = "") -> list[FieldChange]:
    """One :class:`FieldChange` per key whose value differs (absent and None are the same)."""
    return [FieldChange(prefix + key, before.get(key), after.get(key))
            for key in keys if before.get(key) != after.get(key)]


def entity_fields(entity: Entity | None) -> dict[str, Any]:
    """An entity's comparable values: title, status, parent and every attribute."""
    if entity is None:
        return {}
    return {"title": entity.title, "status": entity.status, "parent": entity.parent, **entity.attrs}


def link_changes(before: Entity | None, after: Entity | None,
                 skip: Iterable[str] = ()) -> list[FieldChange]:
    """Per relation, the targets before and after when they differ (``links.<rel>``)."""
    skipped = set(skip)

    def grouped(entity: Entity | None) -> dict[str, list[str]]:
        out: dict[str, set[str]] = {}
        for link in entity.links if entity is not None else []:
            if link.rel not in skipped:
                out.setdefault(link.rel, set()).add(link.target)
        return {rel: sorted(targets) for rel, targets in out.items()}

    a, b = grouped(before), grouped(after)
    return [FieldChange(f"links.{rel}", a.get(rel, []), b.get(rel, []))
            for rel in sorted(a.keys() | b.keys()) if a.get(rel, []) != b.get(rel, [])]


def field_names(fields: list[FieldChange]) -> str:
    """``title, owner`` for a message."""
    return ", ".join(f.path for f in fields)


def link_summary(fields: list[FieldChange]) -> str:
    """``links relies-on + ADR-0002; c4 - c4:shop.db`` for a message."""
    parts = []
    for f in fields:
        added = [t for t in f.after if t not in f.before]
        removed = [t for t in f.before if t not in f.after]
        rel = f.path.removeprefix("links.")
        if added:
            parts.append(f"{rel} + {', '.join(added)}")
        if removed:
            parts.append(f"{rel} - {', '.join(removed)}")
    return "links " + "; ".join(parts)


def common(before: Entity | None, after: Entity | None) -> dict[str, Any]:
    """The keyword arguments of :func:`make` every entity change shares: title, places, page."""
    shown = after or before
    return {"title": shown.title if shown else "", "base": place(before), "head": place(after),
            "page": page_of(after) or page_of(before)}


def comparers() -> list[Comparer]:
    """Every kind's comparer, in a fixed order."""
    from .adr import ADR_COMPARER
    from .c4 import C4_COMPARER
    from .debt import DEBT_COMPARER
    from .openapi import OPENAPI_COMPARER
    from .pages import PAGE_COMPARER
    from .prd import PRD_COMPARER
    from .runbook import RUNBOOK_COMPARER

    return [PRD_COMPARER, ADR_COMPARER, C4_COMPARER, OPENAPI_COMPARER, PAGE_COMPARER,
            DEBT_COMPARER, RUNBOOK_COMPARER]


def load_codes() -> None:
    """Import every comparer so that its change codes are in the catalogue."""
    comparers()


def compare(base: Snapshot, head: Snapshot, levels: Mapping[str, str] | None = None,
            as_of: dt.date | None = None, as_of_note: str = "") -> DiffReport:
    """Every change from ``base`` to ``head``, with impact and new findings; levels applied.
    ``as_of`` is the day date-bound checks compare with (never the wall clock, so the same two
    sides always give the same report)."""
    ctx = Context(base, head, as_of)
    changes: list[Change] = []
    for comparer in comparers():
        changes.extend(comparer.compare(ctx))
    kept = []
    for c in changes:
        # what a file defines on a side where it cannot be parsed is missing or salvaged there:
        # not removed, added or emptied
        files = {c.base.file if c.base else None, c.head.file if c.head else None} - {None}
        if any(ctx.unreadable_on("base", f) | ctx.unreadable_on("head", f) for f in files):
            continue
        kept.append(c)
    kept.extend(_unreadable(ctx))
    for c in kept:
        c.impacted = impacted(ctx, c.entity)
    report = DiffReport(base.source or base.label, head.source or head.label,
                        apply_levels(kept, levels or {}), as_of=as_of, as_of_note=as_of_note)
    report.new_findings, report.resolved_findings = finding_changes(base, head)
    report.new_findings = removed_element_findings(base, head, report.new_findings)
    return report


def _unreadable(ctx: Context) -> list[Change]:
    out = []
    for label, file in sorted(ctx.skipped):
        f = ctx.side(label).unreadable()[file]
        where = Place(file, f.get("line"))
        out.append(make(
            SPEC_UNREADABLE, file, "unreadable",
            f"{label}: {where}: {f.get('code')} {f.get('message')}; what {file} defines is not "
            f"compared", title=file,
            base=where if label == "base" else None, head=where if label == "head" else None))
    return out


#: relations whose target is affected by a change of the source (an operation that implements a
#: requirement: a change to the operation is a change to how the requirement is met)
_FORWARD_IMPACT = ("implements",)


def impacted(ctx: Context, entity_id: str) -> list[str]:
    """Entities that link to ``entity_id`` on either side (itself and its children excluded)."""
    found: set[str] = set()
    for snapshot in (ctx.base, ctx.head):
        found.update(e.id for e in snapshot.graph.referrers(entity_id))
        entity = snapshot.graph.get(entity_id)
        if entity is not None:
            found.update(l.target for l in entity.links if l.rel in _FORWARD_IMPACT)
    found.discard(entity_id)
    return sorted(found)


def _finding_key(f: Mapping[str, Any]) -> tuple:
    return (f.get("code"), f.get("entity"), f.get("message"))


def finding_changes(base: Snapshot, head: Snapshot) -> tuple[list[dict], list[dict]]:
    """Findings HEAD has that BASE does not, and the reverse (compared without lines, which
    move whenever anything above them changes)."""
    before = {_finding_key(f) for f in base.findings}
    after = {_finding_key(f) for f in head.findings}
    new = [f for f in head.findings if _finding_key(f) not in before]
    resolved = [f for f in base.findings if _finding_key(f) not in after]
    return new, resolved
