"""Runbooks compared: added, removed, facts changed, services and SLOs moved, steps edited.

Deleting a runbook is a warning: what it kept running (its services) and the SLOs it protected
lose their procedure, which a reviewer must not miss.
"""

from __future__ import annotations

from ..core.entities import Entity
from ..runbook.entities import PROTECTS, SERVICE
from .compare import (Context, common, entity_fields, field_changes, field_names, link_changes,
                      link_summary, pairs)
from .model import ADDED, CHANGED, CHANGES, REMOVED, Change, make

_D = CHANGES.define
RUNBOOK_ADDED = _D("runbook-added", "info", "runbook", "A runbook was added.")
RUNBOOK_REMOVED = _D("runbook-removed", "warning", "runbook",
                     "A runbook was deleted: its services and SLOs lose their procedure.")
RUNBOOK_CHANGED = _D("runbook-changed", "info", "runbook",
                     "A runbook's title, owner, severity, triggers, last review or review "
                     "interval changed.")
RUNBOOK_SERVICES = _D("runbook-services-changed", "info", "runbook",
                      "The C4 elements a runbook keeps running (`service`) changed.")
RUNBOOK_SLOS = _D("runbook-slos-changed", "info", "runbook",
                  "The requirements a runbook protects (`slo`) changed.")
RUNBOOK_TEXT = _D("runbook-text-changed", "info", "runbook",
                  "A runbook's steps (diagnose, mitigate, escalate, verify) changed.")

_FIELDS = ("title", "owner", "severity", "triggers", "last_reviewed", "review_every")


class RunbookComparer:
    """The runbook kind's comparer."""

    name = "runbook"

    def compare(self, ctx: Context) -> list[Change]:
        out: list[Change] = []
        for entity_id, before, after in pairs(ctx, ("runbook",)):
            out.extend(_runbook(entity_id, before, after))
        return out


def _runbook(entity_id: str, before: Entity | None, after: Entity | None) -> list[Change]:
    args = common(before, after)
    if before is None:
        assert after is not None
        return [make(RUNBOOK_ADDED, entity_id, ADDED,
                     f"runbook {entity_id} added ({after.attrs.get('severity') or 'invalid'})",
                     **args)]
    if after is None:
        services = ", ".join(l.target for l in before.links if l.rel == SERVICE) or "no service"
        return [make(RUNBOOK_REMOVED, entity_id, REMOVED,
                     f"runbook {entity_id} deleted ({services} lose(s) its procedure)", **args)]
    out = []
    fields = field_changes(entity_fields(before), entity_fields(after), _FIELDS)
    if fields:
        out.append(make(RUNBOOK_CHANGED, entity_id, CHANGED,
                        f"runbook {entity_id}: {field_names(fields)} changed", fields=fields, **args))
    for code, rel in ((RUNBOOK_SERVICES, SERVICE), (RUNBOOK_SLOS, PROTECTS)):
        others = [r for r in (SERVICE, PROTECTS, "references") if r != rel]
        links = link_changes(before, after, skip=others)
        if links:
            out.append(make(code, entity_id, CHANGED, f"runbook {entity_id}: {link_summary(links)}",
                            fields=links, **args))
    if not out and before.content_hash != after.content_hash:
        out.append(make(RUNBOOK_TEXT, entity_id, CHANGED, f"runbook {entity_id}: steps changed",
                        **args))
    return out


RUNBOOK_COMPARER = RunbookComparer()
