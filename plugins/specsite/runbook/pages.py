"""Pages for runbooks: one per runbook (facts card, the steps, the service's elements and their
relationships, the SLOs with their targets) and an index by service and by owner.

Every spec value goes through :mod:`specsite.core.escape`; the steps are the runbook's own
Markdown, rendered and then sanitised with every generated page (ADR-0012).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from ..adr.pages import status_badge
from ..core.entities import Entity
from ..core.escape import md_code, md_text, md_text_code
from ..core.graph import SpecGraph
from ..core.html_table import table_classes
from ..core.kind import GeneratedPage, SiteContext
from ..core.references import entity_link, reference, referenced_by
from .entities import PROTECTS, SERVICE, page_of
from .model import SEVERITY_MEANING
from .reader import RunbookDocument

if TYPE_CHECKING:
    from .kind import RunbookModel

INDEX = "runbooks/index.md"
_H1 = re.compile(r"\A\s*#\s+.*$", re.MULTILINE)
_OPS = {"<": "&lt;", "<=": "&le;", "=": "=", ">=": "&ge;", ">": "&gt;"}


def render_all(model: "RunbookModel", graph: SpecGraph, site: SiteContext) -> list[GeneratedPage]:
    """Every runbook page plus the index (none when no runbook folder is configured)."""
    if not model.folders and not model.documents:
        return []
    documents = model.unique()
    pages = [GeneratedPage(INDEX, "Runbooks", _index(documents, graph))]
    relations: dict[str, Relations] = {}
    for doc in documents:
        assert doc.id is not None
        pages.append(GeneratedPage(page_of(doc.id), f"{doc.id}: {doc.title}",
                                   runbook_page(doc, graph, relations), doc.file))
    return pages


#: an element's relationships: (other element, description) it uses, and that use it
Relations = tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]


def relations_of(graph: SpecGraph, element: Entity, memo: dict[str, Relations]) -> Relations:
    """What ``element`` uses and what uses it, from the C4 model's ``uses`` links; kept in
    ``memo``, since the backlinks of a much-named element would otherwise be filtered again for
    each runbook (quadratic in the number of runbooks)."""
    if element.id not in memo:
        uses = [(l.target, l.text) for l in element.links if l.rel == "uses"]
        used_by = [(b.source.id, b.link.text) for b in graph.backlinks(element.id)
                   if b.link.rel == "uses" and b.source.kind == "c4"]
        memo[element.id] = (uses, used_by)
    return memo[element.id]


def _link(from_page: str, graph: SpecGraph, entity_id: str, text: str | None = None) -> str:
    """A link to an entity (its name as the text when given), or the ID marked unknown."""
    entity = graph.get(entity_id)
    if entity is None:
        return f"{md_text(entity_id)} (unknown)"
    return entity_link(from_page, entity, text)


def _targets(entity: Entity | None, rel: str) -> list[str]:
    return [l.target for l in entity.links if l.rel == rel] if entity is not None else []


def runbook_page(doc: RunbookDocument, graph: SpecGraph,
                 relations: dict[str, Relations] | None = None) -> str:
    """The Markdown of one runbook's page (``relations``: a memo shared by the pages of a build)."""
    assert doc.id is not None
    page = page_of(doc.id)
    entity = graph.get(doc.id)
    lines = [f"# {md_text(doc.id)}: {md_text_code(doc.title)}", ""]
    rb = doc.runbook
    if rb is None:
        lines += ["**This runbook's front matter does not validate**: run `specsite check` for "
                  "the problems and their lines. Only its steps are shown until they are fixed.", ""]
        lines += _card([("Source", md_code(doc.file))])
    else:
        services = _targets(entity, SERVICE)
        slos = _targets(entity, PROTECTS)
        review = rb.next_review()
        rows = [
            ("Severity", f"{status_badge(rb.severity)} {md_text(SEVERITY_MEANING[rb.severity])}"),
            ("Owner", md_text(rb.owner)),
            ("Service", ", ".join(_element_link(page, graph, s) for s in services)),
        ]
        if rb.triggers:
            rows.append(("Triggers", "<br>".join(md_text_code(t) for t in rb.triggers)))
        if slos:
            rows.append(("SLOs", ", ".join(_link(page, graph, s) for s in slos)))
        rows.append(("Last reviewed", md_text(rb.last_reviewed.isoformat())))
        if rb.review_every is not None and review is not None:
            rows.append(("Review every", f"{rb.review_every} days (next review "
                                         f"{md_text(review.isoformat())})"))
        rows.append(("Source", md_code(doc.file)))
        lines += _card(rows)
    body = _H1.sub("", doc.body, count=1).strip("\n")
    if body:
        lines += [body, ""]
    if rb is not None:
        lines += _service_section(page, graph, _targets(entity, SERVICE),
                                  {} if relations is None else relations)
        lines += _slo_section(page, graph, _targets(entity, PROTECTS))
    lines.append(referenced_by(graph, doc.id))
    return "\n".join(lines)


def _card(rows: list[tuple[str, str]]) -> list[str]:
    """The facts card; values are Markdown already escaped by whoever built the row."""
    return ["| | |", "|---|---|", *(f"| **{k}** | {v} |" for k, v in rows), ""]


def _element_link(page: str, graph: SpecGraph, element_id: str) -> str:
    element = graph.get(element_id)
    return _link(page, graph, element_id, element.title if element is not None else None)


def _service_section(page: str, graph: SpecGraph, services: list[str],
                     relations: dict[str, Relations]) -> list[str]:
    """Each service element with what it uses and what uses it (from the C4 model)."""
    if not services:
        return []
    lines = ["## Service", ""]
    for element_id in services:
        element = graph.get(element_id)
        if element is None:
            lines += [f"### {md_text(element_id)}", "",
                      "*No C4 element has this identifier* (`specsite check` reports it).", ""]
            continue
        kind = str(element.attrs.get("type") or "")
        lines += [f"### {md_text(element.title)}", "",
                  f"{_element_link(page, graph, element_id)} · *{md_text(_spaced(kind))}*"
                  + (f" · {md_text(element.attrs.get('technology'))}"
                     if element.attrs.get("technology") else ""), ""]
        if element.attrs.get("description"):
            lines += [md_text_code(element.attrs["description"]), ""]
        uses, used_by = relations_of(graph, element, relations)
        for title, rels in (("Uses", uses), ("Used by", used_by)):
            if rels:
                lines += [f"**{title}**", "", "| Element | Relationship |", "|---|---|"]
                lines += [f"| {_element_link(page, graph, other)} | {md_text(text)} |"
                          for other, text in rels]
                lines.append("")
    return lines


def _spaced(type_name: str) -> str:
    """``SoftwareSystem`` -> ``Software System``."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", type_name)


def target_text(target: object) -> str:
    """``{metric, op, value, unit}`` -> ``p95 latency ≤ 300 ms`` (escaped), or ``–``."""
    if not isinstance(target, dict):
        return "–"
    value = target.get("value")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    op = _OPS.get(str(target.get("op")), md_text(target.get("op")))
    unit = f" {md_text(target['unit'])}" if target.get("unit") else ""
    return f"{md_text(target.get('metric'))} {op} {md_text(value)}{unit}"


def _slo_section(page: str, graph: SpecGraph, slos: list[str]) -> list[str]:
    if not slos:
        return []
    lines = ["## SLOs", "", "| Requirement | Kind | Target | PRD |", "|---|---|---|---|"]
    for slo in slos:
        req = graph.get(slo)
        if req is None or req.kind != "requirement":
            lines.append(f"| {md_text(slo)} (unknown) | – | – | – |")
            continue
        prd = graph.get(req.parent or "")
        prd_cell = f"{_link(page, graph, prd.id)} {status_badge(prd.status)}" if prd else "–"
        lines.append(f"| {_link(page, graph, slo)} {md_text_code(req.title)} "
                     f"| {md_text(req.attrs.get('requirement_kind'))} "
                     f"| {target_text(req.attrs.get('target'))} | {prd_cell} |")
    return lines + [""]


def _index(documents: list[RunbookDocument], graph: SpecGraph) -> str:
    lines = ["# Runbooks", ""]
    if not documents:
        return "\n".join(lines + ["No runbook yet: `specsite new runbook \"Title\"` writes one.", ""])
    lines += [f"{len(documents)} runbooks, by service and by owner.", "",
              # IDs, severities, owners and dates on one line; the titles and services wrap
              f'<div class="{table_classes(fit=(1, 3, 5, 6), wide=(2,))}" markdown>', "",
              "| ID | Runbook | Severity | Service | Owner | Last reviewed |",
              "|---|---|---|---|---|---|"]
    by_service: dict[str, list[RunbookDocument]] = defaultdict(list)
    by_owner: dict[str, list[RunbookDocument]] = defaultdict(list)
    for doc in documents:
        assert doc.id is not None
        rb = doc.runbook
        services = _targets(graph.get(doc.id), SERVICE)
        for s in services:
            by_service[s].append(doc)
        if rb is not None:
            by_owner[rb.owner].append(doc)
        lines.append(
            f"| {reference(doc.id)} | {md_text_code(doc.title)} "
            f"| {status_badge(rb.severity) if rb else '–'} "
            f"| {', '.join(_element_link(INDEX, graph, s) for s in services) or '–'} "
            f"| {md_text(rb.owner) if rb else '–'} "
            f"| {md_text(rb.last_reviewed.isoformat()) if rb else '–'} |")
    lines += ["", "</div>", "", "## By service", ""]
    for service in sorted(by_service, key=lambda s: (_name(graph, s).lower(), s)):
        lines += [f"### {md_text(_name(graph, service))}", "",
                  f"{_element_link(INDEX, graph, service)}", ""]
        lines += [f"- {reference(d.id or '')} {md_text_code(d.title)}" for d in by_service[service]]
        lines.append("")
    lines += ["## By owner", ""]
    for owner in sorted(by_owner, key=lambda o: (o.lower(), o)):
        lines += [f"### {md_text(owner)}", ""]
        lines += [f"- {reference(d.id or '')} {md_text_code(d.title)}" for d in by_owner[owner]]
        lines.append("")
    return "\n".join(lines)


def _name(graph: SpecGraph, element_id: str) -> str:
    element = graph.get(element_id)
    return element.title if element is not None else element_id
