"""Checks on parsed workspaces and on references from other specs to C4 elements."""

from __future__ import annotations

from ..core.findings import Finding
from ..core.graph import SpecGraph
from ..core.suggest import IdSuggester
from . import model as m
from .layout import too_large
from .rules import (ELEMENT_IN_NO_VIEW, ELEMENT_WITHOUT_DESCRIPTION, EMPTY_VIEW,
                    RELATIONSHIP_WITHOUT_DESCRIPTION,
                    UNKNOWN_ELEMENT_REFERENCE, VIEW_TOO_LARGE)

_DESCRIBED_TYPES = (m.PERSON, m.SOFTWARE_SYSTEM, m.CONTAINER, m.COMPONENT)


def check_workspace(workspace: m.Workspace) -> list[Finding]:
    """Descriptions, empty views, views too large to lay out and elements no view shows."""
    out: list[Finding] = []
    for e in workspace.elements:
        if e.type in _DESCRIBED_TYPES and not e.description.strip():
            out.append(ELEMENT_WITHOUT_DESCRIPTION.at(
                f"{e.type_label.lower()} '{e.name}' ({e.id}) has no description",
                e.place.file, e.place.line, e.place.column, f"c4:{e.id}"))
    for r in workspace.relationships:
        if not r.implied and r.linked is None and not r.description.strip():
            out.append(RELATIONSHIP_WITHOUT_DESCRIPTION.at(
                f"relationship {r.source.id} -> {r.destination.id} has no description",
                r.place.file, r.place.line, r.place.column))
    drawn = [v for v in workspace.views if v.type != "Image"]
    for v in drawn:
        if not v.elements:
            out.append(EMPTY_VIEW.at(f"{v.type} view '{v.key}' shows no element", v.place.file,
                                     v.place.line, v.place.column))
        reason = too_large(v)
        if reason:
            out.append(VIEW_TOO_LARGE.at(f"{v.type} view '{v.key}' is drawn as a grid, not laid "
                                         f"out: {reason}", v.place.file, v.place.line, v.place.column))
    if drawn:
        shown = {id(e) for v in workspace.views for e in v.elements}
        shown |= {id(v.scope) for v in workspace.views if v.scope is not None}
        for e in workspace.elements:
            if id(e) not in shown:
                out.append(ELEMENT_IN_NO_VIEW.at(
                    f"{e.type_label.lower()} '{e.name}' ({e.id}) appears in no view",
                    e.place.file, e.place.line, e.place.column, f"c4:{e.id}"))
    return out


def check_references(graph: SpecGraph) -> list[Finding]:
    """Typed links (a PRD's or ADR's front-matter ``c4:`` list) to IDs the model does not have.

    Plain ``[[c4:...]]`` references are the generic unknown-reference check's (XREF001). A kind
    that reports its own links more precisely (a runbook's service, RB003; a PRD's persona,
    PRD017; a debt item's element, DEBT003) reports at the link's place, and the pipeline drops
    this finding there (ADR-0010). Without history a missing ID may be a typo or a removed
    element, so it is never called removed here: ``specsite diff`` reports C4010 when the change
    removed an element an accepted ADR names.
    """
    out: list[Finding] = []
    suggester = IdSuggester(e.id for e in graph.of_kind("c4"))
    for entity in graph:
        if entity.kind == "c4":
            continue  # the model's own relationships: the parser checks them
        accepted = entity.kind == "adr" and (entity.status or "").strip().lower() == "accepted"
        for link in entity.links:
            if not link.target.startswith("c4:") or link.target in graph or \
                    link.rel == "references":
                continue
            hint = " (if it was removed, update the decision or supersede it)" if accepted else ""
            out.append(UNKNOWN_ELEMENT_REFERENCE.at(
                f"{entity.id} names {link.target} ({link.rel}), but no C4 element has this "
                f"identifier{suggester.hint(link.target)}{hint}", link.file or entity.file, link.line, link.column, entity.id))
    return out
