"""Decisions compared: added, removed, status moves, links, and edits to accepted decisions.

An accepted decision is a record: changing what it decided is a warning (supersede it with a new
ADR instead), and so is deleting the record.
"""

from __future__ import annotations

from ..core.entities import Entity
from .compare import (Context, common, entity_fields, field_changes, field_names, link_changes,
                      link_summary, pairs)
from .model import ADDED, CHANGED, CHANGES, REMOVED, Change, FieldChange, make

_D = CHANGES.define
ADR_ADDED = _D("adr-added", "info", "adr", "A decision record was added.")
ADR_REMOVED = _D("adr-removed", "warning", "adr",
                 "A decision record was deleted (records are superseded, not deleted).")
ADR_STATUS = _D("adr-status-changed", "info", "adr",
                "A decision moved status (proposed -> accepted, accepted -> superseded...).")
ADR_LINKS = _D("adr-links-changed", "info", "adr",
               "A decision's links (supersedes, amends, elements, references) changed.")
ACCEPTED_DECISION_EDITED = _D("accepted-adr-decision-edited", "warning", "adr",
                              "The decision text of an accepted ADR was edited (supersede it instead).")
ADR_DECISION = _D("adr-decision-changed", "info", "adr",
                  "The decision text of an ADR that is not accepted changed.")
ADR_CHANGED = _D("adr-changed", "info", "adr",
                 "A decision's title, date, tags or people changed.")
ADR_TEXT = _D("adr-text-changed", "info", "adr",
              "A decision's other prose (context, consequences...) changed.")

_FIELDS = ("title", "date", "tags", "decision_makers", "consulted", "informed")


class AdrComparer:
    """The ADR kind's comparer."""

    name = "adr"

    def compare(self, ctx: Context) -> list[Change]:
        out: list[Change] = []
        for entity_id, before, after in pairs(ctx, ("adr",)):
            out.extend(_decision(entity_id, before, after))
        return out


def _decision(entity_id: str, before: Entity | None, after: Entity | None) -> list[Change]:
    args = common(before, after)
    if before is None:
        return [make(ADR_ADDED, entity_id, ADDED, f"decision {entity_id} added ({after.status})", **args)]
    if after is None:
        return [make(ADR_REMOVED, entity_id, REMOVED,
                     f"{before.status or 'undated'} decision {entity_id} deleted", **args)]
    out = []
    if before.status != after.status:
        out.append(make(ADR_STATUS, entity_id, CHANGED,
                        f"decision {entity_id} moved from {before.status} to {after.status}",
                        fields=[FieldChange("status", before.status, after.status)], **args))
    a, b = entity_fields(before), entity_fields(after)
    decided = a.get("decision") != b.get("decision")
    if decided:
        field = [FieldChange("decision", a.get("decision"), b.get("decision"))]
        if before.status == "accepted":
            out.append(make(ACCEPTED_DECISION_EDITED, entity_id, CHANGED,
                            f"accepted decision {entity_id}: decision text edited; supersede it "
                            f"with a new ADR instead", fields=field, **args))
        else:
            out.append(make(ADR_DECISION, entity_id, CHANGED,
                            f"decision {entity_id}: decision text changed", fields=field, **args))
    fields = field_changes(a, b, _FIELDS)
    if fields:
        out.append(make(ADR_CHANGED, entity_id, CHANGED,
                        f"decision {entity_id}: {field_names(fields)} changed", fields=fields, **args))
    links = link_changes(before, after)
    if links:
        out.append(make(ADR_LINKS, entity_id, CHANGED,
                        f"decision {entity_id}: {link_summary(links)}", fields=links, **args))
    if not out and before.content_hash != after.content_hash:
        out.append(make(ADR_TEXT, entity_id, CHANGED, f"decision {entity_id}: text changed", **args))
    return out


ADR_COMPARER = AdrComparer()
