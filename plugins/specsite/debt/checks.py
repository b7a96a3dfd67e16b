"""Checks over all debt items at once (every finding collected, none stops the others).

Schema violations are found while reading (:mod:`specsite.debt.reader`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core.findings import Finding
from ..core.front_matter_specs import duplicate_ids
from ..core.graph import SpecGraph
from ..core.suggest import IdSuggester
from ..core.xref import normalise
from . import rules
from .model import DebtItem
from .reader import DebtDocument
from .register import unrankable_reason

if TYPE_CHECKING:
    from .kind import DebtModel

#: the word on an ADR's line that says the debt it references is paid off
_REPAID = re.compile(r"\brepaid\b", re.IGNORECASE)


def check_all(model: "DebtModel", graph: SpecGraph) -> list[Finding]:
    """Every debt rule over every item."""
    findings = duplicate_ids(model.documents, rules.DUPLICATE, "item")
    has_c4 = any(e.kind == "c4" for e in graph)
    elements = IdSuggester(e.id for e in graph if e.kind == "c4")
    for doc in model.documents:
        if doc.item is None:
            continue
        findings += _links(doc, doc.item, graph, has_c4, elements)
        findings += _item(doc, doc.item)
    findings += _repaid_open_in_adrs(model, graph)
    return findings


def _links(doc: DebtDocument, item: DebtItem, graph: SpecGraph, has_c4: bool,
           elements: IdSuggester) -> list[Finding]:
    out = []
    for i, raw in enumerate(item.elements):
        target = "c4:" + raw.strip().removeprefix("c4:")
        # without a C4 model nothing proves an identifier wrong (as C4009, ADR-0010)
        if has_c4 and target not in graph:
            line, column = doc.at("elements", i)
            out.append(rules.UNKNOWN_ELEMENT.at(
                f"{item.id} names {target}, but the C4 model has no such element (removed or "
                f"misspelt){elements.hint(target)}: update 'elements', or mark the item repaid "
                f"if the element went with the debt", doc.file, line, column, item.id))
    for i, raw in enumerate(item.adrs):
        target = normalise(raw)
        entity = graph.get(target)
        if entity is None or entity.kind != "adr":
            line, column = doc.at("adrs", i)
            out.append(rules.UNKNOWN_ADR.at(
                f"{item.id} names {target}, which is not a decision in the ADR folders",
                doc.file, line, column, item.id))
    if item.quadrant.endswith("-deliberate") and not item.adrs:
        out.append(rules.DELIBERATE_WITHOUT_ADR.at(
            f"{item.id} is {item.quadrant} debt but names no ADR: record the decision that "
            f"accepted it and list it under 'adrs'", doc.file, doc.line("quadrant"), None,
            item.id))
    return out


def _item(doc: DebtDocument, item: DebtItem) -> list[Finding]:
    out = []
    if item.status == "scheduled" and not (item.release or "").strip():
        out.append(rules.SCHEDULED_WITHOUT_RELEASE.at(
            f"{item.id} is scheduled but names no release: add 'release' (e.g. 2.4 or 2027-Q1) "
            f"or set the status back to open", doc.file, doc.line("status"), None, item.id))
    if item.status in ("open", "scheduled"):
        reason = unrankable_reason(doc)
        if reason and reason.startswith("no "):
            out.append(rules.NOT_ESTIMATED.at(
                f"{item.id} has {reason}: the register cannot rank it; estimate what it costs "
                f"per month and what repaying it takes", doc.file, doc.line("id"), None, item.id))
    if item.interest is not None and item.principal is not None:
        reason = unrankable_reason(doc)
        if reason and not reason.startswith("no "):
            out.append(rules.UNITS_NOT_COMPARABLE.at(
                f"{item.id}: {reason}, so it is ranked after the comparable items; use effort "
                f"units (hours, days, weeks, months) on both, or one unit (EUR) on both, and a "
                f"period of day, week, month, quarter or year", doc.file, doc.line("interest"),
                None, item.id))
    return out


def _repaid_open_in_adrs(model: "DebtModel", graph: SpecGraph) -> list[Finding]:
    """An accepted ADR whose ``[[DEBT-NNNN]]`` line does not say the (repaid) item is repaid."""
    repaid = {d.id for d in model.documents if d.item is not None and d.status == "repaid"}
    out = []
    for debt_id in sorted(repaid):
        for back in graph.backlinks(debt_id):
            adr = back.source
            if adr.kind != "adr" or back.link.rel != "references" or \
                    (adr.status or "").strip().lower() != "accepted":
                continue
            if _REPAID.search(_line_of(adr.body or "", adr.body_line or 1, back.link.line)):
                continue
            out.append(rules.REPAID_STILL_OPEN.at(
                f"{adr.id} is accepted and references {debt_id}, which is repaid, as if it were "
                f"open: say so on that line ('{debt_id} was repaid in ...') or supersede the "
                f"decision", back.link.file or adr.file, back.link.line, back.link.column, adr.id))
    return out


def _line_of(body: str, first_line: int, line: int | None) -> str:
    """The text of file line ``line`` of a body that starts on ``first_line``."""
    if line is None or line < first_line:
        return ""
    lines = body.split("\n", line - first_line + 1)
    return lines[line - first_line] if line - first_line < len(lines) else ""

