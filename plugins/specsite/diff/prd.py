"""PRDs and requirements compared: added, removed, field by field, with review levels.

Warnings are the changes a reviewer must not miss: a requirement removed from an approved or
shipped PRD, a measurable target loosened (p95 300 ms -> 500 ms), acceptance criteria dropped
from a must.
"""

from __future__ import annotations

from typing import Any

from ..core.entities import Entity
from ..prd.model import COMMITTED, PRIORITIES
from ..prd.views import OPEN_STATUSES
from .compare import (Context, common as common_args, entity_fields, field_changes, field_names, link_changes, link_summary,
                      pairs)
from .model import ADDED, CHANGED, CHANGES, REMOVED, Change, FieldChange, make

_D = CHANGES.define
PRD_ADDED = _D("prd-added", "info", "prd", "A PRD was added.")
PRD_REMOVED = _D("prd-removed", "info", "prd", "A draft, review or deprecated PRD was removed.")
COMMITTED_PRD_REMOVED = _D("committed-prd-removed", "warning", "prd",
                           "An approved or shipped PRD was removed.")
PRD_STATUS = _D("prd-status-changed", "info", "prd", "A PRD moved status (draft -> review...).")
PRD_CHANGED = _D("prd-changed", "info", "prd",
                 "A PRD's title, owner, reviewers, release, summary, metrics, non-goals, open "
                 "questions, milestones or tags changed.")
PRD_LINKS = _D("prd-links-changed", "info", "prd",
               "A PRD's links (decisions, elements, dependencies, references) changed.")
PRD_TEXT = _D("prd-text-changed", "info", "prd",
              "A PRD's prose or other content (risks) changed.")
REQ_ADDED = _D("requirement-added", "info", "requirement", "A requirement was added.")
REQ_REMOVED = _D("requirement-removed", "info", "requirement",
                 "A requirement was removed from a PRD in draft, review or deprecated.")
REQ_REMOVED_COMMITTED = _D("requirement-removed-from-committed-prd", "warning", "requirement",
                           "A requirement was removed from an approved or shipped PRD.")
REQ_TEXT = _D("requirement-text-changed", "info", "requirement", "A requirement's text changed.")
REQ_PRIORITY = _D("requirement-priority-changed", "info", "requirement",
                  "A requirement's MoSCoW priority changed.")
REQ_ACCEPTANCE = _D("requirement-acceptance-changed", "info", "requirement",
                    "A requirement's acceptance criteria changed.")
MUST_ACCEPTANCE_DROPPED = _D("must-acceptance-dropped", "warning", "requirement",
                             "A must requirement lost acceptance criteria.")
REQ_TARGET = _D("requirement-target-changed", "info", "requirement",
                "A requirement's measurable target changed (added, tightened, or a new metric).")
REQ_TARGET_LOOSENED = _D("requirement-target-loosened", "warning", "requirement",
                         "A measurable target was loosened or removed (p95 <= 300 ms -> 500 ms).")
REQ_RICE = _D("requirement-rice-changed", "info", "requirement",
              "A requirement's RICE inputs changed, with its score and backlog rank.")
REQ_ICE = _D("requirement-ice-changed", "info", "requirement",
             "A requirement's ICE inputs changed, with its score.")
REQ_KANO = _D("requirement-kano-changed", "info", "requirement",
              "A requirement's Kano category changed.")
PRD_PERSONAS = _D("prd-personas-changed", "info", "prd", "A PRD's personas changed.")
STORY_ADDED = _D("story-added", "info", "story", "A user story was added to a PRD.")
STORY_REMOVED = _D("story-removed", "info", "story", "A user story was removed from a PRD.")
STORY_CHANGED = _D("story-changed", "info", "story",
                   "A user story's persona, want, benefit or requirements changed.")
REQ_LINKS = _D("requirement-links-changed", "info", "requirement",
               "A requirement's links (operations, elements, decisions, dependencies) changed.")
REQ_CHANGED = _D("requirement-changed", "info", "requirement",
                 "A requirement's kind or edge cases changed.")

_PRD_FIELDS = ("title", "owner", "reviewers", "release", "summary", "metrics", "non_goals",
               "open_questions", "milestones", "tags")


class PrdComparer:
    """The PRD kind's comparer."""

    name = "prd"

    def compare(self, ctx: Context) -> list[Change]:
        out: list[Change] = []
        base_ranks, head_ranks = backlog_ranks(ctx.base.graph), backlog_ranks(ctx.head.graph)
        for entity_id, before, after in pairs(ctx, ("prd",)):
            out.extend(_prd(entity_id, before, after))
        for entity_id, before, after in pairs(ctx, ("requirement",)):
            prd_before = ctx.base.graph.get(before.parent) if before and before.parent else None
            out.extend(_requirement(entity_id, before, after, prd_before,
                                    base_ranks.get(entity_id), head_ranks.get(entity_id)))
        for entity_id, before, after in pairs(ctx, ("story",)):
            out.extend(_story(entity_id, before, after))
        return out


def _prd(entity_id: str, before: Entity | None, after: Entity | None) -> list[Change]:
    common = common_args(before, after)
    if before is None:
        return [make(PRD_ADDED, entity_id, ADDED, f"PRD {entity_id} added ({after.status})", **common)]
    if after is None:
        code = COMMITTED_PRD_REMOVED if before.status in COMMITTED else PRD_REMOVED
        return [make(code, entity_id, REMOVED, f"{before.status} PRD {entity_id} removed", **common)]
    out = []
    if before.status != after.status:
        out.append(make(PRD_STATUS, entity_id, CHANGED,
                        f"PRD {entity_id} moved from {before.status} to {after.status}",
                        fields=[FieldChange("status", before.status, after.status)], **common))
    a, b = entity_fields(before), entity_fields(after)
    fields = field_changes(a, b, _PRD_FIELDS)
    if fields:
        out.append(make(PRD_CHANGED, entity_id, CHANGED,
                        f"PRD {entity_id}: {field_names(fields)} changed", fields=fields, **common))
    personas = field_changes(a, b, ("personas",))
    if personas:
        old, new = a.get("personas") or [], b.get("personas") or []
        moved = [f"+ {p}" for p in new if p not in old] + [f"- {p}" for p in old if p not in new]
        out.append(make(PRD_PERSONAS, entity_id, CHANGED,
                        f"PRD {entity_id}: personas {', '.join(moved) or 'reordered'}",
                        fields=personas, **common))
    # persona links say again what the personas field says (prd-personas-changed)
    links = link_changes(before, after, skip=("persona",))
    if links:
        out.append(make(PRD_LINKS, entity_id, CHANGED,
                        f"PRD {entity_id}: {link_summary(links)}", fields=links, **common))
    if not out and before.content_hash != after.content_hash and \
            a.get("requirements") == b.get("requirements") and \
            a.get("user_stories") == b.get("user_stories"):
        out.append(make(PRD_TEXT, entity_id, CHANGED, f"PRD {entity_id}: text changed", **common))
    return out


def _requirement(entity_id: str, before: Entity | None, after: Entity | None,
                 prd_before: Entity | None, rank_before: int | None,
                 rank_after: int | None) -> list[Change]:
    common = common_args(before, after)
    if before is None:
        return [make(REQ_ADDED, entity_id, ADDED,
                     f"requirement {entity_id} added ({after.attrs.get('priority')})", **common)]
    if after is None:
        status = prd_before.status if prd_before is not None else before.status
        if status in COMMITTED:
            return [make(REQ_REMOVED_COMMITTED, entity_id, REMOVED,
                         f"requirement {entity_id} removed from {status} PRD {before.parent}", **common)]
        return [make(REQ_REMOVED, entity_id, REMOVED, f"requirement {entity_id} removed", **common)]
    a, b = entity_fields(before), entity_fields(after)
    out = []
    if before.title != after.title:
        out.append(make(REQ_TEXT, entity_id, CHANGED, f"requirement {entity_id}: text changed",
                        fields=[FieldChange("text", before.title, after.title)], **common))
    if a.get("priority") != b.get("priority"):
        out.append(make(REQ_PRIORITY, entity_id, CHANGED,
                        f"requirement {entity_id}: priority {a.get('priority')} -> {b.get('priority')}",
                        fields=[FieldChange("priority", a.get("priority"), b.get("priority"))], **common))
    out.extend(_acceptance(entity_id, a, b, common))
    out.extend(_target(entity_id, a.get("target"), b.get("target"), common))
    if a.get("rice") != b.get("rice") or a.get("rice_score") != b.get("rice_score"):
        fields = field_changes(a, b, ("rice", "rice_score"))
        if rank_before != rank_after:
            fields.append(FieldChange("backlog_rank", rank_before, rank_after))
        rank = (f"; backlog rank {_rank(rank_before)} -> {_rank(rank_after)}"
                if rank_before != rank_after else "")
        out.append(make(REQ_RICE, entity_id, CHANGED,
                        f"requirement {entity_id}: RICE score {a.get('rice_score')} -> "
                        f"{b.get('rice_score')}{rank}", fields=fields, **common))
    if a.get("ice") != b.get("ice") or a.get("ice_score") != b.get("ice_score"):
        out.append(make(REQ_ICE, entity_id, CHANGED,
                        f"requirement {entity_id}: ICE score {a.get('ice_score')} -> "
                        f"{b.get('ice_score')}", fields=field_changes(a, b, ("ice", "ice_score")),
                        **common))
    if a.get("kano") != b.get("kano"):
        out.append(make(REQ_KANO, entity_id, CHANGED,
                        f"requirement {entity_id}: Kano {a.get('kano') or 'none'} -> "
                        f"{b.get('kano') or 'none'}", fields=field_changes(a, b, ("kano",)),
                        **common))
    links = link_changes(before, after)
    if links:
        out.append(make(REQ_LINKS, entity_id, CHANGED,
                        f"requirement {entity_id}: {link_summary(links)}", fields=links, **common))
    other = field_changes(a, b, ("requirement_kind", "edge_cases"))
    if other:
        out.append(make(REQ_CHANGED, entity_id, CHANGED,
                        f"requirement {entity_id}: {field_names(other)} changed", fields=other, **common))
    return out


def _story(entity_id: str, before: Entity | None, after: Entity | None) -> list[Change]:
    common = common_args(before, after)
    if before is None:
        return [make(STORY_ADDED, entity_id, ADDED, f"user story {entity_id} added", **common)]
    if after is None:
        return [make(STORY_REMOVED, entity_id, REMOVED, f"user story {entity_id} removed", **common)]
    fields = field_changes(entity_fields(before), entity_fields(after),
                           ("as", "want", "so_that", "requirements"))
    if not fields:
        return []
    return [make(STORY_CHANGED, entity_id, CHANGED,
                 f"user story {entity_id}: {field_names(fields)} changed", fields=fields, **common)]


def _acceptance(entity_id: str, a: dict, b: dict, common: dict) -> list[Change]:
    old, new = a.get("acceptance") or [], b.get("acceptance") or []
    if old == new:
        return []
    field = [FieldChange("acceptance", old, new)]
    dropped = [c for c in old if c not in new]
    if len(new) < len(old) and "must" in (a.get("priority"), b.get("priority")):
        return [make(MUST_ACCEPTANCE_DROPPED, entity_id, CHANGED,
                     f"must requirement {entity_id}: {len(dropped)} acceptance criteri"
                     f"{'on' if len(dropped) == 1 else 'a'} dropped ({len(old)} -> {len(new)})",
                     fields=field, **common)]
    return [make(REQ_ACCEPTANCE, entity_id, CHANGED,
                 f"requirement {entity_id}: acceptance criteria changed ({len(old)} -> {len(new)})",
                 fields=field, **common)]


def _target(entity_id: str, old: Any, new: Any, common: dict) -> list[Change]:
    if old == new:
        return []
    field = [FieldChange("target", old, new)]
    text = f"target {_target_text(old)} -> {_target_text(new)}"
    if loosened(old, new):
        return [make(REQ_TARGET_LOOSENED, entity_id, CHANGED,
                     f"requirement {entity_id}: target loosened: {text}", fields=field, **common)]
    return [make(REQ_TARGET, entity_id, CHANGED, f"requirement {entity_id}: {text}",
                 fields=field, **common)]


def loosened(old: Any, new: Any) -> bool:
    """True when ``new`` asks less than ``old`` of the same metric, or the target is gone."""
    if not isinstance(old, dict):
        return False
    if not isinstance(new, dict):
        return True
    same = (str(old.get("metric", "")).strip().lower() == str(new.get("metric", "")).strip().lower()
            and str(old.get("unit") or "").strip().lower() == str(new.get("unit") or "").strip().lower())
    a, b = old.get("value"), new.get("value")
    if not same or not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return False
    upper, lower = ("<", "<="), (">", ">=")
    if old.get("op") in upper and new.get("op") in upper:
        return b > a or (b == a and old.get("op") == "<" and new.get("op") == "<=")
    if old.get("op") in lower and new.get("op") in lower:
        return b < a or (b == a and old.get("op") == ">" and new.get("op") == ">=")
    return False


def _target_text(target: Any) -> str:
    if not isinstance(target, dict):
        return "none"
    value = target.get("value")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    unit = f" {target['unit']}" if target.get("unit") else ""
    return f"{target.get('metric')} {target.get('op')} {value}{unit}"


def _rank(rank: int | None) -> str:
    return f"#{rank}" if rank is not None else "unranked"


def backlog_ranks(graph: Any) -> dict[str, int]:
    """Requirement ID -> rank in the backlog page's order (open PRDs, RICE score, priority, ID)."""
    open_prds = {e.id for e in graph if e.kind == "prd" and e.status in OPEN_STATUSES}
    rows = [e for e in graph if e.kind == "requirement" and e.parent in open_prds
            and e.attrs.get("priority") != "wont" and isinstance(e.attrs.get("rice_score"), (int, float))]
    rows.sort(key=lambda e: (-e.attrs["rice_score"], _priority_index(e.attrs.get("priority")), e.id))
    return {e.id: rank for rank, e in enumerate(rows, 1)}


def _priority_index(priority: Any) -> int:
    return PRIORITIES.index(priority) if priority in PRIORITIES else len(PRIORITIES)


PRD_COMPARER = PrdComparer()
