"""Checks over all runbooks at once and over what they cover (every finding collected).

Schema violations are found while reading (:mod:`.reader`). Coverage checks look at the other
kinds through the graph only: C4 entities carry ``type``, ``environment`` and ``instance_of``;
requirement entities carry ``requirement_kind`` and ``target``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from ..core.config import SpecsiteConfig
from ..core.entities import Entity
from ..core.findings import Finding
from ..core.front_matter_specs import duplicate_ids
from ..core.graph import SpecGraph
from ..core.headings import atx_heading
from ..core.suggest import IdSuggester
from . import rules
from .entities import PROTECTS, SERVICE
from .model import STEPS
from .reader import RunbookDocument

if TYPE_CHECKING:
    from .kind import RunbookModel

#: requirement kinds a runbook is expected to protect once the PRD has shipped (RB007)
OPERATED_KINDS = ("availability", "performance")
_FENCE = re.compile(r"^\s*(```|~~~)")


def check_all(model: "RunbookModel", graph: SpecGraph, config: SpecsiteConfig) -> list[Finding]:
    """Every runbook rule."""
    findings = duplicate_ids(model.documents, rules.DUPLICATE_ID, "runbook")
    valid = []
    for doc in model.unique():
        entity = graph.get(doc.id or "") if doc.runbook is not None else None
        if entity is not None and entity.kind == "runbook":
            valid.append((doc, entity))
    if valid:
        has_c4 = bool(config.c4) and any(e.kind == "c4" for e in graph)
        c4_suggester = IdSuggester(e.id for e in graph if e.kind == "c4") if has_c4 else None
        req_suggester = IdSuggester(e.id for e in graph if e.kind == "requirement")
        for doc, entity in valid:
            findings += _links(doc, entity, graph, c4_suggester, req_suggester)
            findings += _steps(doc)
            if config.as_of is not None:
                findings += _overdue(doc, config.as_of)
    # what a runbook names in its front matter covers; a mention in its steps does not
    covered = {link.target for _, e in valid for link in e.links if link.rel in (SERVICE, PROTECTS)}
    if config.runbook_production:
        findings += _production(graph, covered, config.runbook_production)
    if config.runbooks:
        findings += _unprotected(graph, covered)
    return findings


def _links(doc: RunbookDocument, entity: Entity, graph: SpecGraph,
           c4_suggester: IdSuggester | None, req_suggester: IdSuggester) -> list[Finding]:
    out = []
    for link in entity.links:
        if link.rel == SERVICE and c4_suggester is not None and link.target not in graph:
            out.append(rules.UNKNOWN_SERVICE.at(
                f"{entity.id} names service {link.text}, but no C4 element has the identifier "
                f"{link.target}{c4_suggester.hint(link.target)}",
                link.file, link.line, link.column, entity.id))
        elif link.rel == PROTECTS:
            target = graph.get(link.target)
            if target is None or target.kind != "requirement":
                out.append(rules.UNKNOWN_SLO.at(
                    f"{entity.id} protects SLO {link.text}, but no requirement has the ID "
                    f"{link.target}{req_suggester.hint(link.target)} (write PRD-NNNN.ID)",
                    link.file, link.line, link.column, entity.id))
            elif not target.attrs.get("target"):
                what = ("a functional requirement" if target.attrs.get("requirement_kind")
                        in (None, "functional") else "a requirement without a measurable target")
                out.append(rules.SLO_WITHOUT_TARGET.at(
                    f"{entity.id} protects {link.target}, {what}: an SLO is a non-functional "
                    f"requirement with 'target: {{metric, op, value, unit}}'",
                    link.file, link.line, link.column, entity.id))
    return out


def _steps(doc: RunbookDocument) -> list[Finding]:
    """RB009: the body has a heading for each step (a heading that starts with its word)."""
    found: set[str] = set()
    in_fence = False
    for line in doc.body.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else atx_heading(line)
        if heading is None:
            continue
        # "Diagnose", "1. Mitigate the outage", "Step 3: Escalate": the word leads the heading
        words = re.findall(r"[a-z]+", heading[1].lower())[:3]
        found.update(step for step in STEPS if step in words)
    missing = [s for s in STEPS if s not in found]
    if not missing:
        return []
    return [rules.MISSING_STEPS.at(
        f"{doc.id} has no {', '.join(s.capitalize() for s in missing)} section: a runbook's "
        f"steps are headed Diagnose, Mitigate, Escalate and Verify",
        doc.file, doc.body_line, None, doc.id)]


def _overdue(doc: RunbookDocument, as_of: dt.date) -> list[Finding]:
    rb = doc.runbook
    assert rb is not None
    due = rb.next_review()
    if due is None or due >= as_of:
        return []
    days = (as_of - due).days
    return [rules.REVIEW_OVERDUE.at(
        f"{doc.id} was due for review on {due.isoformat()} (last reviewed "
        f"{rb.last_reviewed.isoformat()}, every {rb.review_every} days): {days} day(s) overdue "
        f"as of {as_of.isoformat()}; walk through it and update last_reviewed",
        doc.file, doc.line("last_reviewed"), None, doc.id)]


def _production(graph: SpecGraph, covered: set[str], environments: list[str]) -> list[Finding]:
    """RB006: each container with an instance in a production environment needs a runbook that
    names the container, one of its instances or one of its components."""
    wanted = {e.strip().lower() for e in environments}
    children: dict[str, set[str]] = defaultdict(set)
    for e in graph:
        if e.kind == "c4" and e.parent:
            children[e.parent].add(e.id)
    instances: dict[str, list[Entity]] = defaultdict(list)
    for e in graph:
        if (e.kind == "c4" and e.attrs.get("type") == "ContainerInstance"
                and str(e.attrs.get("environment") or "").lower() in wanted
                and e.attrs.get("instance_of")):
            instances[e.attrs["instance_of"]].append(e)
    out = []
    for container, deployed in sorted(instances.items()):
        ids = {container, *children.get(container, ()), *(i.id for i in deployed)}
        if ids & covered:
            continue
        first = deployed[0]
        element = graph.get(container)
        name = element.title if element is not None else container
        out.append(rules.PRODUCTION_WITHOUT_RUNBOOK.at(
            f"container '{name}' ({container}) runs in {first.attrs.get('environment')} "
            f"({first.id}) but no runbook names it in 'service'", first.file, first.line, None,
            container))
    return out


def _unprotected(graph: SpecGraph, covered: set[str]) -> list[Finding]:
    """RB007: availability and performance requirements of shipped PRDs need a runbook."""
    out = []
    for e in graph:
        if e.kind != "requirement" or e.id in covered or not e.attrs.get("target"):
            continue
        if str(e.attrs.get("requirement_kind")) not in OPERATED_KINDS:
            continue
        prd = graph.get(e.parent or "")
        if prd is None or prd.status != "shipped":
            continue
        out.append(rules.NFR_WITHOUT_RUNBOOK.at(
            f"{e.attrs['requirement_kind']} requirement {e.id} of shipped {prd.id} is protected by "
            f"no runbook (name it in a runbook's 'slo')", e.file, e.line, None, e.id))
    return out
