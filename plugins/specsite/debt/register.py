"""The register's order: outstanding debt ranked by interest over principal.

Items whose interest and principal compare are ranked first, highest monthly share of the
principal first (the debt that costs most for what it takes to repay); ties go to the smaller
principal, then to the ID. Items that cannot be ranked (an estimate missing, units that do not
compare) follow, by ID, each with the reason. Repaid items are not ranked.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import units
from .entities import monthly_share
from .model import OUTSTANDING
from .reader import DebtDocument


@dataclass(frozen=True)
class Entry:
    """One row of the register: the item, its rank (None: not ranked) and why not."""

    doc: DebtDocument
    rank: int | None
    share: float | None
    reason: str | None = None


def unrankable_reason(doc: DebtDocument) -> str | None:
    """Why an item cannot be ranked, or None when it can."""
    item = doc.item
    if item is None:
        return "front matter invalid"
    if item.interest is None or item.principal is None:
        missing = " and ".join(n for n in ("interest", "principal") if getattr(item, n) is None)
        return f"no {missing}"
    rate = units.interest(item.interest.amount, item.interest.unit)
    if rate is None:
        return f"interest period of '{item.interest.unit}' unknown"
    if monthly_share(item) is None:
        return f"'{item.interest.unit}' and '{item.principal.unit}' do not compare"
    return None


def register(documents: list[DebtDocument]) -> list[Entry]:
    """Outstanding items in register order: ranked ones, then the ones that cannot be ranked."""
    outstanding = [d for d in documents if d.status in OUTSTANDING]
    ranked, rest = [], []
    for doc in outstanding:
        reason = unrankable_reason(doc)
        if reason is None and doc.item is not None:
            share = monthly_share(doc.item)
            assert doc.item.principal is not None and share is not None
            principal = units.principal(doc.item.principal.amount, doc.item.principal.unit)
            ranked.append((-share, principal.amount, doc.id or "", doc, share))
        else:
            rest.append(Entry(doc, None, None, reason))
    ranked.sort(key=lambda r: r[:3])
    out = [Entry(r[3], i, r[4]) for i, r in enumerate(ranked, start=1)]
    return out + sorted(rest, key=lambda e: e.doc.id or "")
