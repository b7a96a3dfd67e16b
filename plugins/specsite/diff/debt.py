"""Technical-debt items compared: added, removed, and status, quadrant, interest, principal and
release moves, each its own change so a reviewer sees what the register will say now."""

from __future__ import annotations

from ..core.entities import Entity
from .compare import (Context, common, entity_fields, field_changes, field_names, link_changes,
                      link_summary, pairs)
from .model import ADDED, CHANGED, CHANGES, REMOVED, Change, FieldChange, make

_D = CHANGES.define
DEBT_ADDED = _D("debt-added", "info", "debt", "A technical-debt item was added.")
DEBT_REMOVED = _D("debt-removed", "warning", "debt",
                  "A technical-debt item was deleted (mark it repaid instead, so the register "
                  "keeps its history).")
DEBT_STATUS = _D("debt-status-changed", "info", "debt",
                 "A debt item moved status (open -> scheduled, scheduled -> repaid...).")
DEBT_QUADRANT = _D("debt-quadrant-changed", "info", "debt",
                   "A debt item moved to another quadrant (reckless/prudent, "
                   "deliberate/inadvertent).")
DEBT_INTEREST = _D("debt-interest-changed", "info", "debt",
                   "A debt item's interest (what it costs while it stays) changed.")
DEBT_PRINCIPAL = _D("debt-principal-changed", "info", "debt",
                    "A debt item's principal (the effort to repay it) changed.")
DEBT_RELEASE = _D("debt-release-changed", "info", "debt",
                  "The release a debt item is scheduled for changed.")
DEBT_LINKS = _D("debt-links-changed", "info", "debt",
                "A debt item's elements, decisions or references changed.")
DEBT_CHANGED = _D("debt-changed", "info", "debt", "A debt item's title or prose changed.")

#: (attribute, code, words): one change per attribute that moved
_MOVES = (("quadrant", DEBT_QUADRANT, "moved from quadrant"),
          ("interest", DEBT_INTEREST, "interest changed from"),
          ("principal", DEBT_PRINCIPAL, "principal changed from"),
          ("release", DEBT_RELEASE, "release changed from"))


class DebtComparer:
    """The debt kind's comparer."""

    name = "debt"

    def compare(self, ctx: Context) -> list[Change]:
        out: list[Change] = []
        for entity_id, before, after in pairs(ctx, ("debt",)):
            out.extend(_item(entity_id, before, after))
        return out


def _shown(value: object) -> str:
    """``{amount: 4, unit: hours/month}`` -> ``4 hours/month``; None -> ``none``."""
    if isinstance(value, dict) and "amount" in value:
        amount = value.get("amount")
        number = f"{amount:g}" if isinstance(amount, (int, float)) else str(amount)
        return f"{number} {value.get('unit', '')}".strip()
    return "none" if value in (None, "") else str(value)


def _item(entity_id: str, before: Entity | None, after: Entity | None) -> list[Change]:
    args = common(before, after)
    if before is None:
        assert after is not None
        return [make(DEBT_ADDED, entity_id, ADDED, f"debt {entity_id} added ({after.status}, "
                     f"{_shown(after.attrs.get('quadrant'))})", **args)]
    if after is None:
        return [make(DEBT_REMOVED, entity_id, REMOVED,
                     f"{before.status or 'unreadable'} debt {entity_id} deleted; mark it repaid "
                     f"instead", **args)]
    out = []
    if before.status != after.status:
        out.append(make(DEBT_STATUS, entity_id, CHANGED,
                        f"debt {entity_id} moved from {before.status} to {after.status}",
                        fields=[FieldChange("status", before.status, after.status)], **args))
    a, b = entity_fields(before), entity_fields(after)
    for key, code, words in _MOVES:
        if a.get(key) != b.get(key):
            out.append(make(code, entity_id, CHANGED,
                            f"debt {entity_id}: {words} {_shown(a.get(key))} to "
                            f"{_shown(b.get(key))}",
                            fields=[FieldChange(key, a.get(key), b.get(key))], **args))
    links = link_changes(before, after)
    if links:
        out.append(make(DEBT_LINKS, entity_id, CHANGED,
                        f"debt {entity_id}: {link_summary(links)}", fields=links, **args))
    fields = field_changes(a, b, ("title",))
    if fields:
        out.append(make(DEBT_CHANGED, entity_id, CHANGED,
                        f"debt {entity_id}: {field_names(fields)} changed", fields=fields, **args))
    elif not out and before.content_hash != after.content_hash:
        out.append(make(DEBT_CHANGED, entity_id, CHANGED, f"debt {entity_id}: text changed",
                        **args))
    return out


DEBT_COMPARER = DebtComparer()
