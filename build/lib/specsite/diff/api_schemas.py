"""Schema comparison for the API diff: what changed in a request or response schema, and which
way it cuts for clients.

A request schema may loosen freely and must not tighten (a client's valid call would be
refused); a response schema may tighten and must not loosen (a client would receive what it
does not expect). ``allOf`` parts are merged first, ``$ref``s are followed across files, and each
pair of referenced schemas is compared once per direction (memoised, cycles cut), so the work is
linear in the size of the two descriptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .api_documents import ApiDocuments

REQUEST, RESPONSE = "request", "response"
#: nesting below this is not compared (documents are untrusted)
MAX_DEPTH = 48


@dataclass(frozen=True)
class SchemaChange:
    """One difference: a check name, the property path inside the schema ('' = the schema
    itself), a message and the values on each side."""

    check: str
    path: str
    message: str
    before: Any = None
    after: Any = None


@dataclass
class _View:
    """A schema with ``$ref`` followed and ``allOf`` merged."""

    key: tuple | None
    node: dict
    properties: dict[str, tuple[Any, str]] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    items: tuple[Any, str] | None = None


def _types(node: dict) -> set[str]:
    """The non-null types a schema allows (empty: any)."""
    value = node.get("type")
    types = {value} if isinstance(value, str) else {t for t in value if isinstance(t, str)} \
        if isinstance(value, list) else set()
    return types - {"null"}


def _nullable(node: dict) -> bool:
    value = node.get("type")
    return node.get("nullable") is True or value == "null" or (isinstance(value, list) and "null" in value)


def _number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _bound(node: dict, name: str, exclusive: str) -> float | None:
    """``maximum``/``minimum``, also the 3.1 numeric ``exclusiveMaximum``/``exclusiveMinimum``."""
    value = _number(node.get(name))
    other = _number(node.get(exclusive))
    if value is None:
        return other
    if other is None:
        return value
    return min(value, other) if name == "maximum" else max(value, other)


def _enum(node: dict) -> list | None:
    value = node.get("enum")
    if isinstance(value, list):
        return value
    if "const" in node:
        return [node["const"]]
    return None


def _fmt(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


class SchemaDiff:
    """Compares schemas of one API's two sides."""

    def __init__(self, base: ApiDocuments, head: ApiDocuments) -> None:
        self.base, self.head = base, head
        self._memo: dict[tuple, list[SchemaChange]] = {}
        self._active: set[tuple] = set()

    def _view(self, api: ApiDocuments, node: Any, uri: str, depth: int = 0) -> _View | None:
        node, uri, key = api.resolve(node, uri)
        if not isinstance(node, dict):
            return None
        view = _View(key, node)
        self._merge(api, view, node, uri, depth)
        return view

    def _merge(self, api: ApiDocuments, view: _View, node: dict, uri: str, depth: int) -> None:
        props = node.get("properties")
        if isinstance(props, dict):
            for name, value in props.items():
                view.properties.setdefault(str(name), (value, uri))
        required = node.get("required")
        if isinstance(required, list):
            view.required.update(r for r in required if isinstance(r, str))
        if view.items is None and "items" in node and isinstance(node["items"], dict):
            view.items = (node["items"], uri)
        parts = node.get("allOf")
        if isinstance(parts, list) and depth < MAX_DEPTH:
            for part in parts:
                part_node, part_uri, _ = api.resolve(part, uri)
                if isinstance(part_node, dict):
                    if view.node is node:
                        # keywords stated in allOf parts (type, enum...) count as the schema's own
                        view.node = {**{k: v for k, v in part_node.items() if k not in view.node},
                                     **view.node}
                    self._merge(api, view, part_node, part_uri, depth + 1)

    def compare(self, before: Any, before_uri: str, after: Any, after_uri: str,
                direction: str, depth: int = 0) -> list[SchemaChange]:
        """The differences from ``before`` (base) to ``after`` (head), paths relative to them."""
        if depth > MAX_DEPTH:
            return []
        b = self._view(self.base, before, before_uri)
        a = self._view(self.head, after, after_uri)
        if b is None or a is None:
            return []
        memo_key = (b.key, a.key, direction) if b.key is not None and a.key is not None else None
        if memo_key is not None:
            if memo_key in self._memo:
                return self._memo[memo_key]
            if memo_key in self._active:
                return []  # a recursive schema: compared where the cycle started
            self._active.add(memo_key)
        try:
            out = self._compare(b, a, direction, depth)
        finally:
            if memo_key is not None:
                self._active.discard(memo_key)
        if memo_key is not None:
            self._memo[memo_key] = out
        return out

    def _compare(self, b: _View, a: _View, direction: str, depth: int) -> list[SchemaChange]:
        out: list[SchemaChange] = []
        out.extend(_value_changes(b.node, a.node, direction))
        for name in sorted(b.properties.keys() | a.properties.keys()):
            in_b, in_a = name in b.properties, name in a.properties
            was_required, is_required = name in b.required, name in a.required
            if in_b and in_a:
                child_b, child_a = b.properties[name], a.properties[name]
                if direction == REQUEST and is_required and not was_required and not _read_only(self.head, *child_a):
                    out.append(SchemaChange("became-required", name, "became required"))
                if direction == RESPONSE and was_required and not is_required and not _write_only(self.base, *child_b):
                    out.append(SchemaChange("became-optional", name, "became optional"))
                for c in self.compare(child_b[0], child_b[1], child_a[0], child_a[1], direction, depth + 1):
                    out.append(SchemaChange(c.check, _join(name, c.path), c.message, c.before, c.after))
            elif in_a:
                if direction == REQUEST:
                    if is_required and not _read_only(self.head, *a.properties[name]):
                        out.append(SchemaChange("new-required", name, "added as a required property"))
                    else:
                        out.append(SchemaChange("new-optional", name, "added as an optional property"))
                else:
                    out.append(SchemaChange("added", name, "added"))
            else:
                if direction == RESPONSE and not _write_only(self.base, *b.properties[name]):
                    check = "removed-required" if was_required else "removed-optional"
                    out.append(SchemaChange(check, name, f"{'required' if was_required else 'optional'} "
                                                         f"property removed"))
                elif direction == REQUEST:
                    out.append(SchemaChange("removed", name, "removed"))
        if b.items is not None and a.items is not None:
            for c in self.compare(b.items[0], b.items[1], a.items[0], a.items[1], direction, depth + 1):
                out.append(SchemaChange(c.check, _join("items", c.path) if c.path else "items",
                                        c.message, c.before, c.after))
        return out


def _read_only(api: ApiDocuments, node: Any, uri: str) -> bool:
    resolved, _, _ = api.resolve(node, uri)
    return isinstance(resolved, dict) and resolved.get("readOnly") is True


def _write_only(api: ApiDocuments, node: Any, uri: str) -> bool:
    resolved, _, _ = api.resolve(node, uri)
    return isinstance(resolved, dict) and resolved.get("writeOnly") is True


def _join(parent: str, child: str) -> str:
    return f"{parent}/{child}" if child else parent


#: (keyword, its exclusive twin, the check name, whether a larger value allows more)
_BOUNDS = (
    ("maxLength", None, "max-length", True),
    ("minLength", None, "min-length", False),
    ("maximum", "exclusiveMaximum", "max", True),
    ("minimum", "exclusiveMinimum", "min", False),
    ("maxItems", None, "max-items", True),
    ("minItems", None, "min-items", False),
)


def _value_changes(b: dict, a: dict, direction: str) -> list[SchemaChange]:
    """Type, nullability, enum, bound and pattern changes of one schema (not its properties)."""
    out: list[SchemaChange] = []
    tb, ta = _types(b), _types(a)
    fb, fa = b.get("format"), a.get("format")
    if tb != ta or (fb != fa and tb == ta):
        before, after = _type_text(tb, fb), _type_text(ta, fa)
        # a request may accept more types, a response may return fewer: only those are safe
        safe = (tb and ta and tb <= ta and fb == fa) if direction == REQUEST else \
            (tb and ta and ta <= tb and fb == fa) or (not tb and ta)
        if direction == REQUEST and not tb and ta:
            safe = False
        check = "type-generalized" if safe else "type-changed"
        out.append(SchemaChange(check, "", f"type/format changed from {before} to {after}", before, after))
    nb, na = _nullable(b), _nullable(a)
    if direction == REQUEST and nb and not na:
        out.append(SchemaChange("became-not-nullable", "", "became not nullable"))
    if direction == RESPONSE and na and not nb:
        out.append(SchemaChange("became-nullable", "", "became nullable"))
    eb, ea = _enum(b), _enum(a)
    if eb is not None and ea is not None:
        removed = [v for v in eb if v not in ea]
        added = [v for v in ea if v not in eb]
        for v in removed:
            out.append(SchemaChange("enum-value-removed", "", f"enum value {_fmt(v)} removed", v, None))
        for v in added:
            out.append(SchemaChange("enum-value-added", "", f"enum value {_fmt(v)} added", None, v))
    elif eb is None and ea is not None and direction == REQUEST:
        out.append(SchemaChange("became-enum", "", f"became an enum ({len(ea)} values)", None, ea))
    for name, exclusive, check, larger_allows_more in _BOUNDS:
        vb = _bound(b, name, exclusive) if exclusive else _number(b.get(name))
        va = _bound(a, name, exclusive) if exclusive else _number(a.get(name))
        if vb == va:
            continue
        if vb is None:
            out.append(SchemaChange(f"{check}-set", "", f"{name} set to {_fmt(va)}", None, va))
        elif va is None:
            out.append(SchemaChange(f"{check}-unset", "", f"{name} {_fmt(vb)} removed", vb, None))
        else:
            grew = va > vb
            word = "increased" if grew else "decreased"
            out.append(SchemaChange(f"{check}-{word}", "", f"{name} {word} from {_fmt(vb)} to {_fmt(va)}",
                                    vb, va))
    pb, pa = b.get("pattern"), a.get("pattern")
    if pb != pa:
        if pb is None:
            out.append(SchemaChange("pattern-added", "", f"pattern {_fmt(pa)} added", None, pa))
        elif pa is None:
            out.append(SchemaChange("pattern-removed", "", f"pattern {_fmt(pb)} removed", pb, None))
        else:
            out.append(SchemaChange("pattern-changed", "", f"pattern changed from {_fmt(pb)} to {_fmt(pa)}",
                                    pb, pa))
    return out


def _type_text(types: set[str], fmt: Any) -> str:
    text = "/".join(sorted(types)) or "any"
    return f"{text} ({fmt})" if isinstance(fmt, str) and fmt else text
