"""Checks over all PRDs at once (every finding collected, none stops the others).

Schema violations are found while reading (:mod:`specsite.prd.reader`); these checks run on the
PRDs whose front matter is valid, plus the duplicate-ID and file-name checks, which need only IDs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from ..core.config import SpecsiteConfig
from ..core.entities import Entity
from ..core.findings import Finding
from ..core.graph import SpecGraph
from . import rules
from .entities import anchor_of, dependency_target, document_entities, requirement_id, story_id
from .model import COMMITTED, ICE_RANGE, IMPACTS, KANO, Prd, Requirement
from .personas import PersonaChecks
from .scores import ice_in_range, kano_category
from .reader import PrdDocument

if TYPE_CHECKING:
    from .kind import PrdModel

#: statuses in which every non-functional requirement needs a measurable target
REVIEWED = ("review", "approved", "shipped")
RETIRED_ADR_STATUSES = ("rejected", "deprecated", "superseded")
DEFAULT_MUST_BUDGET = 0.6
_FILE_NUMBER = re.compile(r"^(?:PRD[-_]?)?(\d{1,6})(?=[-_. ]|$)", re.IGNORECASE)


def must_budget(config: SpecsiteConfig) -> float:
    """The largest share of RICE effort a PRD may put in must requirements (``prd_must_budget``)."""
    return float(getattr(config, "prd_must_budget", DEFAULT_MUST_BUDGET))


def check_all(model: "PrdModel", graph: SpecGraph, config: SpecsiteConfig) -> list[Finding]:
    """Every PRD rule over every PRD."""
    findings = _duplicate_prds(model.documents)
    personas = PersonaChecks(graph, config)
    for doc in model.documents:
        findings += _file_number(doc)
        if doc.prd is None:
            continue
        findings += _duplicate_requirements(doc, doc.prd)
        for i, req in enumerate(doc.prd.requirements):
            findings += _requirement(doc, doc.prd, i, req)
        findings += _references(doc, graph, config, model.entities.get(doc.file))
        findings += _open_questions(doc, doc.prd)
        findings += _budget(doc, doc.prd, config)
        findings += _personas(doc, doc.prd, personas)
        findings += _stories(doc, doc.prd, graph)
    return findings


def _duplicate_prds(documents: list[PrdDocument]) -> list[Finding]:
    by_id: dict[str, list[PrdDocument]] = defaultdict(list)
    for doc in documents:
        if doc.id:
            by_id[doc.id].append(doc)
    out = []
    for prd_id, group in sorted(by_id.items()):
        for doc in group[1:]:
            out.append(rules.DUPLICATE_PRD.at(
                f"{prd_id} is already used by {group[0].file}; give this PRD the next free number",
                doc.file, doc.line("id"), None, prd_id))
    return out


def _file_number(doc: PrdDocument) -> list[Finding]:
    m = _FILE_NUMBER.match(doc.path_name)
    if not m or doc.number is None or int(m.group(1)) == doc.number:
        return []
    return [rules.FILE_NUMBER_MISMATCH.at(
        f"file name says {int(m.group(1))} but the front matter says {doc.id}",
        doc.file, doc.line("id"), None, doc.id)]


def _duplicate_requirements(doc: PrdDocument, prd: Prd) -> list[Finding]:
    seen: dict[str, str] = {}
    out = []
    for i, req in enumerate(prd.requirements):
        key = anchor_of(req.id)
        if key in seen:
            same = "is used twice" if seen[key] == req.id else f"clashes with {seen[key]} (IDs differ only in case or punctuation)"
            out.append(rules.DUPLICATE_REQUIREMENT.at(
                f"requirement ID {req.id} {same} in {doc.id}",
                doc.file, doc.line("requirements", i, "id"), None, requirement_id(doc.id or "", req.id)))
        else:
            seen[key] = req.id
    return out


def _requirement(doc: PrdDocument, prd: Prd, i: int, req: Requirement) -> list[Finding]:
    out = []
    at = dict(file=doc.file, entity=requirement_id(prd.id, req.id))
    measured = not req.functional and req.target is not None
    if prd.status in COMMITTED and req.priority == "must" and not req.acceptance and not measured:
        out.append(rules.MUST_WITHOUT_ACCEPTANCE.at(
            f"requirement {req.id} is a must in a{'n' if prd.status == 'approved' else ''} "
            f"{prd.status} PRD but has no acceptance criteria: add 'acceptance' with "
            "given/when/then", line=doc.line("requirements", i, "acceptance"), **at))
    if prd.status in REVIEWED and not req.functional and req.target is None:
        out.append(rules.NFR_WITHOUT_TARGET.at(
            f"{req.kind} requirement {req.id} has no measurable target: add "
            "'target: {metric, op, value, unit}'", line=doc.line("requirements", i, "kind"), **at))
    if req.rice is not None:
        out += _rice(doc, i, req, at)
    if req.ice is not None:
        out += _ice(doc, i, req, at)
    if req.kano is not None and kano_category(req.kano) is None:
        out.append(rules.INVALID_KANO.at(
            f"requirement {req.id}: Kano category '{req.kano}' is not one of {', '.join(KANO)}",
            line=doc.line("requirements", i, "kano"), **at))
    return out


def _ice(doc: PrdDocument, i: int, req: Requirement, at: dict) -> list[Finding]:
    ice = req.ice
    assert ice is not None
    where = ("requirements", i, "ice")
    names = ("impact", "confidence", "ease")
    missing = [name for name in names if getattr(ice, name) is None]
    out = []
    if missing:
        out.append(rules.INVALID_ICE.at(
            f"requirement {req.id}: ICE lacks {', '.join(missing)} (score = impact × confidence × "
            "ease, each from 1 to 10; give all three or none)", line=doc.line(*where), **at))
    low, high = ICE_RANGE
    for name in names:
        value = getattr(ice, name)
        if value is not None and not ice_in_range(value):
            out.append(rules.INVALID_ICE.at(
                f"requirement {req.id}: ICE {name} {_num(value)} is not from {low} to {high}",
                line=doc.line(*where, name), **at))
    return out


def _personas(doc: PrdDocument, prd: Prd, checks: PersonaChecks) -> list[Finding]:
    out = []
    for i, persona in enumerate(doc.personas):
        line, column = doc.positions.at(("personas", i))
        out += checks.check(persona, f"{prd.id} persona", doc.file, line, column, prd.id)
    for i, persona in enumerate(doc.story_personas):
        line, column = doc.positions.at(("user_stories", i, "as"))
        out += checks.check(persona, f"user story {i + 1}: 'as'", doc.file, line, column,
                            story_id(prd.id, i + 1))
    return out


def _stories(doc: PrdDocument, prd: Prd, graph: SpecGraph) -> list[Finding]:
    out = []
    for i, story in enumerate(prd.user_stories):
        for j, raw in enumerate(story.requirements):
            full = dependency_target(prd.id, raw)
            target = graph.get(full)
            if target is not None and target.kind == "requirement":
                continue
            line, column = doc.positions.at(("user_stories", i, "requirements", j))
            if full.startswith(prd.id + "."):
                known = ", ".join(r.id for r in prd.requirements[:12]) or "none yet"
                where = f"which {prd.id} does not have (its requirements: {known})"
            else:
                where = "which is no requirement"
            out.append(rules.UNKNOWN_STORY_REQUIREMENT.at(
                f"user story {i + 1} of {prd.id} links requirement '{raw}', {where}",
                doc.file, line, column, story_id(prd.id, i + 1)))
    return out


def _rice(doc: PrdDocument, i: int, req: Requirement, at: dict) -> list[Finding]:
    rice = req.rice
    assert rice is not None
    where = ("requirements", i, "rice")
    missing = [name for name in ("reach", "impact", "confidence", "effort") if getattr(rice, name) is None]
    out = []
    if missing:
        out.append(rules.INVALID_RICE.at(
            f"requirement {req.id}: RICE lacks {', '.join(missing)} (score = reach × impact × "
            "confidence / effort; give all four or none)", line=doc.line(*where), **at))
    problems = []
    if rice.reach is not None and rice.reach <= 0:
        problems.append(("reach", f"reach {_num(rice.reach)} must be greater than 0"))
    if rice.impact is not None and rice.impact not in IMPACTS:
        problems.append(("impact", f"impact {_num(rice.impact)} is not one of "
                                   f"{', '.join(_num(v) for v in IMPACTS)}"))
    if rice.confidence is not None and not 0 < rice.confidence <= 1:
        problems.append(("confidence", f"confidence {_num(rice.confidence)} is not in (0, 1]; "
                                       "write 80% as 0.8"))
    if rice.effort is not None and rice.effort <= 0:
        problems.append(("effort", f"effort {_num(rice.effort)} must be greater than 0 "
                                   "person-months"))
    for name, text in problems:
        out.append(rules.INVALID_RICE.at(
            f"requirement {req.id}: RICE {text}", line=doc.line(*where, name), **at))
    return out


def _num(value: float) -> str:
    return f"{value:g}"


def _references(doc: PrdDocument, graph: SpecGraph, config: SpecsiteConfig,
                entities: list[Entity] | None = None) -> list[Finding]:
    out = []
    approved = doc.status == "approved"
    for entity in document_entities(doc) if entities is None else entities:
        for link in entity.links:
            target = graph.get(link.target)
            where = dict(file=link.file, line=link.line, column=link.column, entity=entity.id)
            if link.rel == "relies-on":
                if target is None or target.kind != "adr":
                    out.append(rules.UNKNOWN_ADR.at(
                        f"{entity.id} relies on {link.target}, which is not a decision in the "
                        "ADR folders", **where))
                elif approved and target.status in RETIRED_ADR_STATUSES:
                    out.append(rules.RETIRED_ADR.at(_retired(entity.id, link.target, graph), **where))
            elif link.rel == "depends-on":
                if target is None or target.kind not in ("prd", "requirement"):
                    out.append(rules.UNKNOWN_REQUIREMENT.at(
                        f"{entity.id} depends on {link.target}, which is no PRD or requirement",
                        **where))
            # c4 and implemented-by targets are checked by the kinds that own those IDs
            # (C4009, OAS025), once those kinds are configured
    return out


def _retired(source: str, adr_id: str, graph: SpecGraph) -> str:
    """The PRD011 message, naming the successor when the decision is superseded."""
    adr = graph.get(adr_id)
    assert adr is not None
    successors = {l.target for l in adr.links if l.rel == "superseded-by"}
    successors |= {b.source.id for b in graph.backlinks(adr_id)
                   if b.link.rel == "supersedes" and b.source.kind == "adr"}
    text = f"{source} is approved but relies on {adr_id} ({adr.title}), which is {adr.status}"
    if successors:
        names = ", ".join(sorted(successors))
        return f"{text} by {names}: rely on {names} instead, or move the PRD back to review"
    return f"{text}: rely on the decision that replaced it, or move the PRD back to review"


def _open_questions(doc: PrdDocument, prd: Prd) -> list[Finding]:
    if prd.status != "shipped":
        return []
    return [rules.SHIPPED_WITH_OPEN_QUESTIONS.at(
        f"{prd.id} is shipped but the question '{q.question}' is still open: answer it "
        "('answer:') or remove it", doc.file, doc.line("open_questions", i), None, prd.id)
        for i, q in enumerate(prd.open_questions) if q.open]


def _budget(doc: PrdDocument, prd: Prd, config: SpecsiteConfig) -> list[Finding]:
    if prd.status in ("shipped", "deprecated"):
        return []
    efforts = [(r.priority, r.rice.effort) for r in prd.requirements
               if r.rice is not None and r.rice.effort is not None and r.rice.effort > 0]
    total = sum(e for _, e in efforts)
    must = sum(e for p, e in efforts if p == "must")
    budget = must_budget(config)
    # One estimate is no mix: the budget speaks once two requirements give effort.
    if len(efforts) < 2 or must / total <= budget:
        return []
    return [rules.MUST_BUDGET.at(
        f"{must / total:.0%} of {prd.id}'s RICE effort ({_num(must)} of {_num(total)} "
        f"person-months) is in must requirements; the budget is {budget:.0%} "
        "(prd_must_budget): move some to should or could", doc.file, doc.line("requirements"),
        None, prd.id)]
