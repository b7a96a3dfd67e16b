"""C4010: a change removes a C4 element that an accepted decision still names.

Only a comparison knows that an element existed: ``check`` sees a missing ID (XREF001 or C4009,
a typo as likely as a removal); here, when BASE had the element and HEAD does not, the finding
HEAD reports at that reference is replaced by the precise one.
"""

from __future__ import annotations

from typing import Any

from ..c4.rules import REMOVED_ELEMENT_REFERENCE
from .snapshot import Snapshot

#: what ``check`` reports at a reference to a missing element
_MISSING = ("XREF001", "C4009")


def removed_element_findings(base: Snapshot, head: Snapshot, new: list[dict[str, Any]]
                             ) -> list[dict[str, Any]]:
    """``new`` (HEAD's new findings) with a C4010 in place of the missing-ID finding at each
    reference from an accepted ADR to an element that BASE has and HEAD does not."""
    removed: dict[tuple[str, str], str] = {}  # (ADR, element) -> element
    for entity in head.graph:
        if entity.kind != "adr" or (entity.status or "").strip().lower() != "accepted":
            continue
        for link in entity.links:
            target = link.target
            if target.startswith("c4:") and target not in head.graph and target in base.graph:
                removed[(entity.id, target)] = target
    if not removed:
        return new
    out = []
    for f in new:
        target = _missing_target(f, removed) if f.get("code") in _MISSING else None
        if target is None:
            out.append(f)
            continue
        out.append(REMOVED_ELEMENT_REFERENCE.at(
            f"accepted decision {f['entity']} still names {target}, which this change removes "
            f"from the C4 model (update the decision or supersede it)",
            f.get("file"), f.get("line"), f.get("column"), f.get("entity")).to_dict())
    return out


def _missing_target(finding: dict[str, Any], removed: dict[tuple[str, str], str]) -> str | None:
    """The removed element a missing-ID finding is about (both messages quote the ID exactly)."""
    message = str(finding.get("message") or "")
    for (adr, target) in removed:
        if finding.get("entity") == adr and (f"[[{target}]]" in message or
                                             f" {target} (" in message):
            return target
    return None
