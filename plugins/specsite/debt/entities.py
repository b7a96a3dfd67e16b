"""A debt item as a graph entity, with its typed links and the figures the register ranks by.

Links: ``c4`` (an element that carries the debt, ``c4:<identifier>``), ``decision`` (an ADR that
took the debt on or will repay it) and ``references`` (an ``[[ID]]`` in the prose). Attributes
include ``status`` and ``release`` (the roadmap lists scheduled debt per release from them).
"""

from __future__ import annotations

from typing import Any

from ..core.entities import Entity, Link
from ..core.xref import normalise, scan
from . import units
from .model import DebtItem, Quantity
from .reader import DebtDocument

PAGE_DIR = "debt"
KIND = "debt"


def page_of(debt_id: str) -> str:
    """The generated page of a debt item, in the docs tree."""
    return f"{PAGE_DIR}/{debt_id}.md"


def c4_target(raw: str) -> str:
    """``webshop.api`` -> ``c4:webshop.api``."""
    return "c4:" + raw.strip().removeprefix("c4:")


def monthly_share(item: DebtItem) -> float | None:
    """Interest per month as a share of the principal (the ranking key), or None when either is
    missing or their units do not compare."""
    if item.interest is None or item.principal is None:
        return None
    return units.monthly_share(units.interest(item.interest.amount, item.interest.unit),
                               units.principal(item.principal.amount, item.principal.unit))


def _quantity(value: Quantity | None) -> dict[str, Any] | None:
    return {"amount": value.amount, "unit": value.unit} if value is not None else None


def document_entity(doc: DebtDocument) -> Entity | None:
    """The entity of a debt file (None without a usable ID)."""
    if doc.id is None:
        return None
    links: list[Link] = []
    attrs: dict[str, Any] = {"status": doc.status}
    item = doc.item
    if item is not None:
        for i, raw in enumerate(item.elements):
            line, column = doc.at("elements", i)
            links.append(Link("c4", c4_target(raw), doc.file, line, column, raw))
        for i, raw in enumerate(item.adrs):
            line, column = doc.at("adrs", i)
            links.append(Link("decision", normalise(raw), doc.file, line, column, raw))
        attrs.update({
            "quadrant": item.quadrant, "release": item.release,
            "elements": [c4_target(e) for e in item.elements],
            "adrs": [normalise(a) for a in item.adrs],
            "interest": _quantity(item.interest), "principal": _quantity(item.principal),
            "monthly_share": monthly_share(item),
        })
    for ref in scan(doc.body, doc.body_line):
        links.append(Link("references", ref.target, doc.file, ref.line, ref.column, ref.label))
    return Entity(
        id=doc.id, kind=KIND, title=doc.title, status=doc.status, file=doc.file,
        line=doc.line("id"), links=links, attrs=attrs, page=page_of(doc.id),
        content_hash=doc.content_hash, body=doc.body, body_line=doc.body_line)
