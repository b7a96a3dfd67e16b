"""Checks on every Schema Object an API reaches: components, parameters, bodies, responses.

Some are openapi-spec-validator's own (defaults that do not match their schema, ``required``
naming no property under ``allOf``, invalid patterns, 3.1 schemas that break their meta-schema)
and report :data:`SCHEMA_VIOLATION`; the others are lints (enums, required, examples).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterator

from .issues import Issue
from .model import Api, iter_operations
from .rules import (
    DUPLICATE_ENUM,
    ENUM_TYPE_MISMATCH,
    EXAMPLE_MISMATCH,
    SCHEMA_VIOLATION,
    UNDEFINED_REQUIRED,
)
from .values import ValueChecker

try:
    import jsonschema_rs
except ImportError:  # pragma: no cover
    jsonschema_rs = None

_LIST_CHILDREN = ("allOf", "anyOf", "oneOf", "prefixItems")
_ONE_CHILD = ("not", "items", "additionalProperties", "contains", "propertyNames", "if", "then",
              "else", "unevaluatedItems", "unevaluatedProperties", "additionalItems")
_MAP_CHILDREN = ("properties", "patternProperties", "$defs", "dependentSchemas")
_COMPOSITION = ("allOf", "anyOf", "oneOf")


@dataclass(frozen=True)
class SchemaSite:
    """A schema as used: where it is and whether it describes a request, response or either."""

    node: Any
    uri: str
    pointer: tuple
    context: str


def top_schemas(api: Api) -> Iterator[SchemaSite]:
    """Component schemas and every schema an operation uses directly (``$ref`` followed)."""
    base = api.schemas_pointer()
    for name, node in api.schemas().items():
        yield _site(api, node, api.uri, base + (name,), "schema")
    for op in iter_operations(api):
        for params, uri, at in ((op.path_item.get("parameters"), op.path_item_uri,
                                 op.path_item_pointer + ("parameters",)),
                                (op.node.get("parameters"), op.uri, op.pointer + ("parameters",))):
            for index, raw in enumerate(params if isinstance(params, list) else []):
                param, puri, pat = api.bundle.resolve(raw, uri, at + (index,))
                if isinstance(param, dict):
                    yield from _media_schemas(api, param, puri, pat, "request")
        body, buri, bat = api.bundle.resolve(op.node.get("requestBody"), op.uri, op.pointer + ("requestBody",))
        if isinstance(body, dict):
            yield from _media_schemas(api, body, buri, bat, "request")
        responses = op.node.get("responses")
        for code, raw in (responses.items() if isinstance(responses, dict) else ()):
            response, ruri, rat = api.bundle.resolve(raw, op.uri, op.pointer + ("responses", code))
            if isinstance(response, dict):
                yield from _media_schemas(api, response, ruri, rat, "response")
                headers = response.get("headers")
                for name, raw_header in (headers.items() if isinstance(headers, dict) else ()):
                    header, huri, hat = api.bundle.resolve(raw_header, ruri, rat + ("headers", name))
                    if isinstance(header, dict):
                        yield from _media_schemas(api, header, huri, hat, "response")


def _media_schemas(api: Api, holder: dict, uri: str, at: tuple, context: str) -> Iterator[SchemaSite]:
    """The schemas of a parameter, header, request body or response (2.0 and 3.x)."""
    if "schema" in holder:
        yield _site(api, holder["schema"], uri, at + ("schema",), context)
    content = holder.get("content")
    for media, item in (content.items() if isinstance(content, dict) else ()):
        if isinstance(item, dict) and "schema" in item:
            yield _site(api, item["schema"], uri, at + ("content", media, "schema"), context)


def _site(api: Api, node: Any, uri: str, pointer: tuple, context: str) -> SchemaSite:
    node, uri, pointer = api.bundle.resolve(node, uri, pointer)
    return SchemaSite(node, uri, pointer, context)


class SchemaChecks:
    """Walks every schema of one API once, collecting issues."""

    def __init__(self, api: Api, values: ValueChecker) -> None:
        self.api = api
        self.values = values
        self.issues: list[Issue] = []
        self.visited: set[tuple[str, tuple]] = set()
        self.seen_nodes: set[int] = set()
        self.meta_checked: set[tuple[str, tuple]] = set()

    def run(self) -> list[Issue]:
        for site in top_schemas(self.api):
            if not isinstance(site.node, dict):
                if not isinstance(site.node, bool) or self.api.version in ("2.0", "3.0"):
                    self._issue(SCHEMA_VIOLATION, f"{site.node!r} is not a schema object", site.uri, site.pointer)
                continue
            key = (site.uri, site.pointer)
            if key not in self.meta_checked:
                self.meta_checked.add(key)
                self._meta_check(site)
                self._required_under_all_of(site)
            self._walk(site)
        return self.issues

    def _issue(self, rule: Any, message: str, uri: str, pointer: tuple) -> None:
        self.issues.append(Issue(rule, message, uri, pointer))

    def _walk(self, top: SchemaSite) -> None:
        stack = [top]
        while stack:
            site = stack.pop()
            key = (site.uri, site.pointer)
            # a node shared through a YAML alias is one schema, whatever its pointers
            if key in self.visited or id(site.node) in self.seen_nodes or not isinstance(site.node, dict):
                continue
            self.visited.add(key)
            self.seen_nodes.add(id(site.node))
            self._check_node(site)
            stack.extend(self._children(site))

    def _children(self, site: SchemaSite) -> Iterator[SchemaSite]:
        node = site.node
        for key in _LIST_CHILDREN:
            children = node.get(key)
            for i, child in enumerate(children if isinstance(children, list) else ()):
                yield _site(self.api, child, site.uri, site.pointer + (key, i), site.context)
        for key in _ONE_CHILD:
            child = node.get(key)
            if isinstance(child, dict):
                yield _site(self.api, child, site.uri, site.pointer + (key,), site.context)
            elif key == "items" and isinstance(child, list):
                for i, item in enumerate(child):
                    yield _site(self.api, item, site.uri, site.pointer + (key, i), site.context)
        for key in _MAP_CHILDREN:
            children = node.get(key)
            if isinstance(children, dict):
                for name, child in children.items():
                    yield _site(self.api, child, site.uri, site.pointer + (key, name), site.context)

    # -- openapi-spec-validator's checks ------------------------------------------------------

    def _meta_check(self, site: SchemaSite) -> None:
        if self.api.version in ("2.0", "3.0"):
            return  # the official 2.0 / 3.0 schemas already describe every Schema Object
        meta = getattr(jsonschema_rs, "meta", None)
        if meta is not None and meta.is_valid(_with_dialect(self.api, site.node)):
            return
        from jsonschema.validators import validator_for
        from jsonschema.exceptions import SchemaError

        schema = _with_dialect(self.api, site.node)
        try:
            validator_for(schema).check_schema(schema)
        except SchemaError as exc:
            self._issue(SCHEMA_VIOLATION, f"invalid schema: {exc.message}", site.uri,
                        site.pointer + tuple(exc.absolute_path))
        except Exception:  # noqa: BLE001 (an unknown dialect is not ours to report twice)
            return

    def _required_under_all_of(self, site: SchemaSite) -> None:
        node = site.node
        required = node.get("required")
        if "allOf" not in node or not isinstance(required, list):
            return
        known = set(node.get("properties") or {}) if isinstance(node.get("properties"), dict) else set()
        for child in node["allOf"] if isinstance(node["allOf"], list) else ():
            known |= self._all_properties(_site(self.api, child, site.uri, site.pointer, site.context), set())
        missing = sorted(str(r) for r in required if r not in known)
        if missing:
            self._issue(SCHEMA_VIOLATION, f"required names properties no schema of allOf defines: "
                        f"{', '.join(missing)}", site.uri, site.pointer + ("required",))

    def _all_properties(self, site: SchemaSite, seen: set) -> set[str]:
        key = (site.uri, site.pointer)
        if key in seen or not isinstance(site.node, dict):
            return set()
        seen.add(key)
        node = site.node
        props = set(node["properties"]) if isinstance(node.get("properties"), dict) else set()
        children = [(child, (kw, i)) for kw in _COMPOSITION
                    for i, child in enumerate(node.get(kw) if isinstance(node.get(kw), list) else ())]
        children += [(node[kw], (kw,)) for kw in ("items", "not") if isinstance(node.get(kw), dict)]
        for child, at in children:
            props |= self._all_properties(_site(self.api, child, site.uri, site.pointer + at, site.context), seen)
        return props

    def _check_node(self, site: SchemaSite) -> None:
        node, uri, at = site.node, site.uri, site.pointer
        if "default" in node and (node["default"] is not None or node.get("nullable") is not True):
            for message in self.values.errors(node, uri, node["default"]):
                self._issue(SCHEMA_VIOLATION, f"default value does not match its schema: {message}",
                            uri, at + ("default",))
        pattern = node.get("pattern")
        if isinstance(pattern, str):
            try:
                re.compile(pattern)
            except re.error as exc:
                self._issue(SCHEMA_VIOLATION, f"pattern {pattern!r} is not a valid regular "
                            f"expression: {exc}", uri, at + ("pattern",))
        self._lint_node(site)

    # -- lints --------------------------------------------------------------------------------

    def _lint_node(self, site: SchemaSite) -> None:
        node, uri, at = site.node, site.uri, site.pointer
        enum = node.get("enum")
        if isinstance(enum, list):
            self._check_enum(node, enum, uri, at)
        required = node.get("required")
        properties = node.get("properties")
        if isinstance(required, list) and isinstance(properties, dict) and \
                not any(k in node for k in _COMPOSITION):
            for i, name in enumerate(required):
                if isinstance(name, str) and name not in properties:
                    self._issue(UNDEFINED_REQUIRED, f"required property {name!r} is not defined "
                                f"in properties", uri, at + ("required", i))
        if "example" in node:
            for message in self.values.errors(node, uri, node["example"], "schema"):
                self._issue(EXAMPLE_MISMATCH, f"example does not match its schema: {message}",
                            uri, at + ("example",))
        examples = node.get("examples")
        if isinstance(examples, list) and self.api.version not in ("2.0", "3.0"):
            for i, example in enumerate(examples):
                for message in self.values.errors(node, uri, example, "schema"):
                    self._issue(EXAMPLE_MISMATCH, f"example does not match its schema: {message}",
                                uri, at + ("examples", i))

    def _check_enum(self, node: dict, enum: list, uri: str, at: tuple) -> None:
        seen: set[str] = set()
        types = node.get("type")
        types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
        nullable = node.get("nullable") is True or node.get("x-nullable") is True
        for i, value in enumerate(enum):
            key = json.dumps(value, sort_keys=True, default=str)
            if key in seen:
                self._issue(DUPLICATE_ENUM, f"enum value {value!r} is listed twice", uri, at + ("enum", i))
            seen.add(key)
            if types and not (value is None and nullable) and not any(_is_type(value, t) for t in types):
                self._issue(ENUM_TYPE_MISMATCH, f"enum value {value!r} is not of type "
                            f"{' or '.join(map(str, types))}", uri, at + ("enum", i))


def _is_type(value: Any, name: Any) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or \
            (isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "array":
        return isinstance(value, list)
    if name == "object":
        return isinstance(value, dict)
    if name == "null":
        return value is None
    return True


def _with_dialect(api: Api, node: dict) -> dict:
    if "$schema" in node:
        return node
    dialect = api.data.get("jsonSchemaDialect")
    return {**node, "$schema": dialect if isinstance(dialect, str) else
            "https://json-schema.org/draft/2020-12/schema"}
