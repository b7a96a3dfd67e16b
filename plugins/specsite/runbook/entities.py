"""A runbook as a graph entity and its typed links.

Link relations (docs/reference/export.md): ``service`` (a C4 element, ``c4:<identifier>``: the
element's page lists the runbook), ``protects`` (a requirement, ``PRD-NNNN.ID``: the SLO it
keeps) and ``references`` (an ``[[ID]]`` in the steps).
"""

from __future__ import annotations

from ..core.entities import Entity, Link
from ..core.xref import normalise, scan
from .reader import RunbookDocument

PAGE_DIR = "runbooks"
SERVICE, PROTECTS = "service", "protects"


def page_of(runbook_id: str) -> str:
    """The generated page of a runbook, in the docs tree."""
    return f"{PAGE_DIR}/{runbook_id}.md"


def service_target(raw: str) -> str:
    """``webshop.checkout`` (or ``c4:webshop.checkout``) -> ``c4:webshop.checkout``."""
    return "c4:" + raw.strip().removeprefix("c4:")


def slo_target(raw: str) -> str:
    """``prd-1.NFR1`` -> ``PRD-0001.NFR1``."""
    return normalise(raw)


def runbook_entity(doc: RunbookDocument) -> Entity | None:
    """The runbook's entity (``None`` without a usable ID)."""
    if doc.id is None:
        return None
    links: list[Link] = []
    attrs: dict = {}
    rb = doc.runbook
    if rb is not None:
        for key, rel, target in (("service", SERVICE, service_target), ("slo", PROTECTS, slo_target)):
            for i, raw in enumerate(getattr(rb, key)):
                line, column = doc.at(key, i)
                links.append(Link(rel, target(raw), doc.file, line, column, raw))
        review = rb.next_review()
        attrs = {
            "owner": rb.owner, "severity": rb.severity,
            "service": [service_target(s) for s in rb.service], "triggers": list(rb.triggers),
            "slo": [slo_target(s) for s in rb.slo], "last_reviewed": rb.last_reviewed.isoformat(),
            "review_every": rb.review_every,
            "next_review": review.isoformat() if review is not None else None,
        }
    for ref in scan(doc.body, doc.body_line):
        links.append(Link("references", ref.target, doc.file, ref.line, ref.column, ref.label))
    return Entity(
        id=doc.id, kind="runbook", title=doc.title, status=None,
        file=doc.file, line=doc.line("id"), links=links, attrs=attrs, page=page_of(doc.id),
        content_hash=doc.content_hash, body=doc.body, body_line=doc.body_line)
