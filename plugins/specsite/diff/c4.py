"""Architecture compared: elements, deployment elements, relationships and the views they show.

Elements are matched by identifier. Relationships have no stable identifier unless the DSL names
one, so they are matched by their ends and description, then (for an edited description) by their
ends alone.
"""

from __future__ import annotations

from typing import Any

from ..c4.model import DEPLOYMENT_TYPES
from ..core.entities import Entity
from .compare import Context, common, entity_fields, field_changes, field_names, pairs
from .model import ADDED, CHANGED, CHANGES, REMOVED, Change, FieldChange, Place, make

_D = CHANGES.define
ELEMENT_ADDED = _D("c4-element-added", "info", "c4", "An architecture element was added.")
ELEMENT_REMOVED = _D("c4-element-removed", "info", "c4", "An architecture element was removed.")
ELEMENT_CHANGED = _D("c4-element-changed", "info", "c4",
                     "An element's name, description, technology, tags, parent, type, URL or "
                     "properties changed.")
DEPLOYMENT_ADDED = _D("c4-deployment-added", "info", "c4",
                      "A deployment node, infrastructure node or instance was added.")
DEPLOYMENT_REMOVED = _D("c4-deployment-removed", "info", "c4",
                        "A deployment node, infrastructure node or instance was removed.")
DEPLOYMENT_CHANGED = _D("c4-deployment-changed", "info", "c4",
                        "A deployment element changed (name, technology, tags, parent, environment, "
                        "what it deploys).")
REL_ADDED = _D("c4-relationship-added", "info", "c4", "A relationship was added.")
REL_REMOVED = _D("c4-relationship-removed", "info", "c4", "A relationship was removed.")
REL_CHANGED = _D("c4-relationship-changed", "info", "c4",
                 "A relationship's description, technology or tags changed.")
VIEW_ADDED = _D("c4-view-added", "info", "c4", "A view was added.")
VIEW_REMOVED = _D("c4-view-removed", "info", "c4", "A view was removed.")
VIEW_CHANGED = _D("c4-view-changed", "info", "c4",
                  "The elements or relationships a view shows changed.")

_ELEMENT_FIELDS = ("title", "description", "technology", "tags", "parent", "type", "url",
                   "properties", "openapi")
_DEPLOYMENT_FIELDS = _ELEMENT_FIELDS + ("environment", "instance_of")
_REL_FIELDS = ("description", "technology", "tags")


class C4Comparer:
    """The C4 kind's comparer."""

    name = "c4"

    def compare(self, ctx: Context) -> list[Change]:
        out: list[Change] = []
        for entity_id, before, after in pairs(ctx, ("c4",)):
            out.extend(_element(entity_id, before, after))
        base_rels, head_rels = _relationships(ctx.base.section("c4", "relationships")), \
            _relationships(ctx.head.section("c4", "relationships"))
        out.extend(_compare_relationships(ctx, base_rels, head_rels))
        out.extend(_compare_views(ctx))
        return out


def _deployment(entity: Entity) -> bool:
    return entity.attrs.get("type") in DEPLOYMENT_TYPES


def _element(entity_id: str, before: Entity | None, after: Entity | None) -> list[Change]:
    args = common(before, after)
    shown = after or before
    assert shown is not None
    deployment = _deployment(shown)
    what = str(shown.attrs.get("type") or "element")
    if before is None:
        code = DEPLOYMENT_ADDED if deployment else ELEMENT_ADDED
        return [make(code, entity_id, ADDED, f"{what} {entity_id} added", **args)]
    if after is None:
        code = DEPLOYMENT_REMOVED if deployment else ELEMENT_REMOVED
        return [make(code, entity_id, REMOVED, f"{what} {entity_id} removed", **args)]
    fields = field_changes(entity_fields(before), entity_fields(after),
                           _DEPLOYMENT_FIELDS if deployment else _ELEMENT_FIELDS)
    if not fields:
        return []
    code = DEPLOYMENT_CHANGED if deployment else ELEMENT_CHANGED
    return [make(code, entity_id, CHANGED, f"{what} {entity_id}: {field_names(fields)} changed",
                 fields=fields, **args)]


def rel_label(source: str, destination: str) -> str:
    """How a relationship is named in reports and as the entity of its changes."""
    return f"c4:{source}->{destination}"


def _relationships(items: list[Any]) -> dict[tuple, dict]:
    """Stated relationships (not implied, not replicated into deployments) by (source,
    destination, description)."""
    out: dict[tuple, dict] = {}
    for r in items:
        if isinstance(r, dict) and not r.get("implied") and not r.get("linked"):
            out.setdefault((r.get("source"), r.get("destination"), r.get("description") or ""), r)
    return out


def _compare_relationships(ctx: Context, base: dict[tuple, dict], head: dict[tuple, dict]) -> list[Change]:
    out = []
    gone = [k for k in base if k not in head]
    new = [k for k in head if k not in base]
    # an edited description: the only relationship between the same two ends on each side
    by_ends_gone: dict[tuple, list[tuple]] = {}
    by_ends_new: dict[tuple, list[tuple]] = {}
    for k in gone:
        by_ends_gone.setdefault(k[:2], []).append(k)
    for k in new:
        by_ends_new.setdefault(k[:2], []).append(k)
    paired = []
    for ends, keys in by_ends_gone.items():
        if len(keys) == 1 and len(by_ends_new.get(ends, [])) == 1:
            paired.append((keys[0], by_ends_new[ends][0]))
    paired_keys = {k for pair in paired for k in pair}
    for key in sorted(k for k in base if k in head):
        paired.append((key, key))
    for before_key, after_key in sorted(paired):
        b, a = base[before_key], head[after_key]
        fields = field_changes(b, a, _REL_FIELDS)
        if fields:
            out.append(_rel_change(ctx, REL_CHANGED, CHANGED, b, a,
                                   f"relationship {_rel_text(b)}: {field_names(fields)} changed", fields))
    for key in sorted(k for k in gone if k not in paired_keys):
        out.append(_rel_change(ctx, REL_REMOVED, REMOVED, base[key], None,
                               f"relationship {_rel_text(base[key])} removed"))
    for key in sorted(k for k in new if k not in paired_keys):
        out.append(_rel_change(ctx, REL_ADDED, ADDED, None, head[key],
                               f"relationship {_rel_text(head[key])} added"))
    return out


def _rel_text(r: dict) -> str:
    text = f"c4:{r.get('source')} -> c4:{r.get('destination')}"
    return text + (f" \"{r['description']}\"" if r.get("description") else "")


def _rel_change(ctx: Context, code: Any, change: str, before: dict | None, after: dict | None,
                message: str, fields: list[FieldChange] = ()) -> Change:
    shown = after or before or {}
    source = ctx.head.graph.get(f"c4:{shown.get('source')}") or ctx.base.graph.get(f"c4:{shown.get('source')}")
    page = (source.page + (f"#{source.anchor}" if source.anchor else "")) if source and source.page else None
    return make(code, rel_label(str(shown.get("source")), str(shown.get("destination"))), change,
                message, title=str(shown.get("description") or ""), fields=fields,
                base=_place(before), head=_place(after), kind="c4-relationship", page=page)


def _place(data: dict | None) -> Place | None:
    if not data or not data.get("file"):
        return None
    return Place(str(data["file"]), data.get("line") if isinstance(data.get("line"), int) else None)


def _compare_views(ctx: Context) -> list[Change]:
    before = view_contents(ctx.base.section("c4", "views"), ctx.base.section("c4", "relationships"))
    after = view_contents(ctx.head.section("c4", "views"), ctx.head.section("c4", "relationships"))
    out = []
    for key in sorted(before.keys() | after.keys()):
        b, a = before.get(key), after.get(key)
        shown = a or b
        assert shown is not None
        kw = {"title": str(shown.get("title") or key), "base": _place(b), "head": _place(a),
              "kind": "c4-view", "page": shown.get("page")}
        entity = f"view:{key}"
        if b is None:
            out.append(make(VIEW_ADDED, entity, ADDED, f"{shown.get('type')} view {key} added", **kw))
        elif a is None:
            out.append(make(VIEW_REMOVED, entity, REMOVED, f"{shown.get('type')} view {key} removed", **kw))
        else:
            fields = []
            for what in ("elements", "relationships"):
                old, new = b[what], a[what]
                if old != new:
                    fields.append(FieldChange(what, sorted(old), sorted(new)))
            if fields:
                parts = []
                for what in ("elements", "relationships"):
                    added, removed = sorted(a[what] - b[what]), sorted(b[what] - a[what])
                    if added:
                        parts.append(f"{what} + {', '.join(added)}")
                    if removed:
                        parts.append(f"{what} - {', '.join(removed)}")
                out.append(make(VIEW_CHANGED, entity, CHANGED,
                                f"view {key} shows different content: {'; '.join(parts)}",
                                fields=fields, **kw))
    return out


def view_contents(views: list[Any], relationships: list[Any]) -> dict[str, dict]:
    """View key -> its title, page, place and the element and relationship labels it shows."""
    labels = {r.get("id"): rel_label(str(r.get("source")), str(r.get("destination")))
              for r in relationships if isinstance(r, dict)}
    out = {}
    for v in views:
        if not isinstance(v, dict) or not isinstance(v.get("key"), str):
            continue
        out.setdefault(v["key"], {
            **v,
            "elements": {f"c4:{e}" for e in v.get("elements") or []},
            "relationships": {labels.get(r, str(r)) for r in v.get("relationships") or []},
        })
    return out


C4_COMPARER = C4Comparer()
