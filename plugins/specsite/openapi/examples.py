"""Example values generated from a schema, the way Redoc and Swagger UI sample one when the
description gives none: the schema's own ``example``, ``const``, ``default`` or first ``enum``
value where it has one, else a placeholder for its type and format.

Deterministic (properties in document order, one array item, fixed placeholders) and bounded:
nesting stops at :data:`MAX_DEPTH`, a sample holds at most :data:`MAX_NODES` values, and a
``$ref`` already being sampled further up (a recursive schema) is left out.
"""

from __future__ import annotations

from typing import Any, Callable

MAX_DEPTH = 8
MAX_NODES = 200
#: what a value is left out as (never part of the generated sample)
SKIP: Any = object()

_FORMATS = {
    "date-time": "2024-01-01T12:00:00Z", "date": "2024-01-01", "time": "12:00:00Z",
    "email": "user@example.com", "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "uri": "https://example.com", "url": "https://example.com", "hostname": "example.com",
    "ipv4": "192.0.2.1", "ipv6": "2001:db8::1", "byte": "U3dhZ2dlcg==", "password": "********",
    "duration": "P1D",
}


class ExampleGenerator:
    """Samples the schemas of one API (``resolve(schema, uri)`` follows ``$ref`` chains)."""

    def __init__(self, resolve: Callable[[Any, str], tuple[Any, str]]) -> None:
        self.resolve = resolve
        #: (id(schema), uri, direction) -> (schema, sample); the schema is kept so that its id is
        #: never reused by another object while the entry lives
        self._memo: dict[tuple[int, str, str], tuple[Any, Any]] = {}

    def sample(self, schema: Any, uri: str, direction: str = "response") -> Any:
        """An example for ``schema`` (:data:`SKIP` when nothing can be said); ``direction`` is
        ``request`` (``readOnly`` properties left out) or ``response`` (``writeOnly`` left out)."""
        target, target_uri = self.resolve(schema, uri)  # each use of a schema has its own $ref
        key = (id(target), target_uri, direction)
        if key not in self._memo:
            self._memo[key] = (target, _Sampler(self.resolve, direction).value(schema, uri, 0, frozenset()))
        return self._memo[key][1]


class _Sampler:
    def __init__(self, resolve: Callable[[Any, str], tuple[Any, str]], direction: str) -> None:
        self.resolve = resolve
        self.skip_flag = "readOnly" if direction == "request" else "writeOnly"
        self.nodes = 0

    def value(self, schema: Any, uri: str, depth: int, refs: frozenset) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES or depth > MAX_DEPTH:
            return SKIP
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            key = (uri, schema["$ref"])
            if key in refs:
                return SKIP  # recursive: the sample stops where the schema repeats
            refs = refs | {key}
            schema, uri = self.resolve(schema, uri)
        if not isinstance(schema, dict):
            return SKIP
        for key in ("example", "const", "default"):
            if key in schema:
                return schema[key]
        if isinstance(schema.get("examples"), list) and schema["examples"]:
            return schema["examples"][0]
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return schema["enum"][0]
        if isinstance(schema.get("allOf"), list):
            merged: dict = {}
            for part in schema["allOf"]:
                value = self.value(part, uri, depth + 1, refs)
                if isinstance(value, dict):
                    merged.update(value)
            own = self._object(schema, uri, depth, refs) if "properties" in schema else {}
            return {**merged, **own} if merged or own else SKIP
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                return self.value(schema[key][0], uri, depth + 1, refs)
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind == "object" or (kind is None and isinstance(schema.get("properties"), dict)):
            return self._object(schema, uri, depth, refs)
        if kind == "array" or (kind is None and "items" in schema):
            item = self.value(schema.get("items"), uri, depth + 1, refs) if "items" in schema else SKIP
            return [] if item is SKIP else [item]
        return _scalar(kind, schema)

    def _object(self, schema: dict, uri: str, depth: int, refs: frozenset) -> dict:
        out = {}
        properties = schema.get("properties")
        for name, prop in (properties.items() if isinstance(properties, dict) else ()):
            node, _ = self.resolve(prop, uri)
            if isinstance(node, dict) and node.get(self.skip_flag) is True:
                continue
            value = self.value(prop, uri, depth + 1, refs)
            if value is not SKIP:
                out[str(name)] = value
        return out


def _scalar(kind: Any, schema: dict) -> Any:
    if kind == "string":
        return _FORMATS.get(str(schema.get("format")), "string")
    if kind in ("integer", "number"):
        for key in ("minimum", "exclusiveMinimum"):
            bound = schema.get(key)
            if isinstance(bound, (int, float)) and not isinstance(bound, bool):
                return bound + (1 if key == "exclusiveMinimum" else 0)
        return 0 if kind == "integer" else 0.0
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return SKIP
