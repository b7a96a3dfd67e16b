"""Lint rules on operations, paths, tags, security, components and prose of one API.

Each rule is written from the OpenAPI Specification; the rule's summary in :mod:`.rules` names
the Spectral or Redocly rule it corresponds to. Duplicate tags and parameters are checks of
openapi-spec-validator and report :data:`SCHEMA_VIOLATION` like it does.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from dataclasses import replace
from typing import Any, Iterator

from ..core.rules import LIMIT_HIT
from .issues import Issue
from .model import Api, Operation, iter_operations, parameters_of, success_codes
from .rules import (
    AMBIGUOUS_PATHS,
    DUPLICATE_OPERATION_ID,
    DUPLICATE_TAG,
    EXAMPLE_MISMATCH,
    IDENTICAL_PATHS,
    MISSING_OPERATION_ID,
    MISSING_SUMMARY,
    NO_SERVERS,
    NO_SUCCESS_RESPONSE,
    PATH_PARAMETER_MISMATCH,
    SCHEMA_VIOLATION,
    UNDECLARED_TAG,
    UNDEFINED_SECURITY_SCHEME,
    UNKNOWN_SCOPE,
    UNSAFE_HTML,
    UNSAFE_OPERATION_ID,
    UNUSED_COMPONENT,
)
from .values import ValueChecker

_TEMPLATE = re.compile(r"\{([^{}]+)\}")
#: RFC 3986 unreserved and reserved characters (Spectral operation-operationId-valid-in-url)
_URL_SAFE = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]*$")
_UNSAFE_HTML = re.compile(
    r"<\s*script\b|<[a-z][^>]*\son[a-z]+\s*=|javascript\s*:|<\s*iframe\b", re.IGNORECASE)
_COMPONENT_KINDS_2 = ("definitions", "parameters", "responses")
_COMPONENT_KINDS_3 = ("schemas", "responses", "parameters", "examples", "requestBodies", "headers",
                      "links", "callbacks", "pathItems")


def lint(api: Api, values: ValueChecker) -> list[Issue]:
    """Every lint issue of one API (schema lints are in :mod:`.schemas`)."""
    issues: list[Issue] = []
    operations = list(iter_operations(api))
    issues += _tags(api)
    issues += _servers(api)
    issues += _paths(api)
    issues += _unused_components(api)
    issues += _unsafe_html(api)
    issues += _security(api, api.data.get("security"), api.uri, ("security",))
    seen_ids: dict[str, Operation] = {}
    checked_lists: set[int] = set()
    undeclared: dict[str, list[Operation]] = defaultdict(list)
    declared = set(api.declared_tags())
    for op in operations:
        entity = f"{api.id}#{op.operation_id}" if op.operation_id else None
        found = [*_operation(api, op, seen_ids, checked_lists),
                 *_security(api, op.node.get("security"), op.uri, op.pointer + ("security",)),
                 *_examples(api, op, values)]
        issues += [replace(i, entity=entity) for i in found] if entity else found
        for tag in op.tags:
            if tag not in declared:
                undeclared[tag].append(op)
    for tag, ops in sorted(undeclared.items()):
        first = ops[0]
        index = first.tags.index(tag)
        issues.append(Issue(UNDECLARED_TAG, f"tag {tag!r} (used by {len(ops)} operation"
                            f"{'s' if len(ops) > 1 else ''}) is not declared in the top-level tags",
                            first.uri, first.pointer + ("tags", index)))
    return issues


def _tags(api: Api) -> Iterator[Issue]:
    tags = api.data.get("tags")
    if not isinstance(tags, list):
        return
    names: dict[str, int] = {}
    parents: dict[str, tuple[str, int]] = {}
    for i, tag in enumerate(tags):
        if not isinstance(tag, dict) or not isinstance(tag.get("name"), str):
            continue
        if tag["name"] in names:
            yield Issue(SCHEMA_VIOLATION, f"duplicate tag name {tag['name']!r}", api.uri, ("tags", i, "name"))
        names.setdefault(tag["name"], i)
        if api.version == "3.2" and isinstance(tag.get("parent"), str):
            parents[tag["name"]] = (tag["parent"], i)
    for name, (parent, i) in parents.items():
        if parent not in names:
            yield Issue(SCHEMA_VIOLATION, f"tag {name!r} names an unknown parent tag {parent!r}",
                        api.uri, ("tags", i, "parent"))


def _servers(api: Api) -> Iterator[Issue]:
    if api.version == "2.0":
        if not api.data.get("host"):
            yield Issue(NO_SERVERS, "the API names no host, so no server", api.uri, ("swagger",))
    elif not api.data.get("servers"):
        yield Issue(NO_SERVERS, "the API names no servers", api.uri, ("openapi",))


def _operation(api: Api, op: Operation, seen_ids: dict[str, Operation], checked: set[int]) -> Iterator[Issue]:
    where = op.label
    op_id = op.operation_id
    if op_id is None:
        yield Issue(MISSING_OPERATION_ID, f"{where} has no operationId", op.uri, op.pointer)
    else:
        if op_id in seen_ids:
            other = seen_ids[op_id]
            yield Issue(DUPLICATE_OPERATION_ID, f"operationId {op_id!r} of {where} is already used by "
                        f"{other.label}", op.uri, op.pointer + ("operationId",))
        else:
            seen_ids[op_id] = op
        if not _URL_SAFE.match(op_id):
            yield Issue(UNSAFE_OPERATION_ID, f"operationId {op_id!r} has characters that are not "
                        f"URL-safe", op.uri, op.pointer + ("operationId",))
    if not isinstance(op.node.get("summary"), str) or not op.node["summary"].strip():
        yield Issue(MISSING_SUMMARY, f"{where} has no summary", op.uri, op.pointer)
    responses = op.node.get("responses")
    if isinstance(responses, dict) and responses and not success_codes(responses):
        yield Issue(NO_SUCCESS_RESPONSE, f"{where} has no 2xx or 3xx response", op.uri,
                    op.pointer + ("responses",))
    tags = op.tags
    for i, tag in enumerate(tags):
        if tag in tags[:i]:
            yield Issue(DUPLICATE_TAG, f"{where} lists tag {tag!r} twice", op.uri, op.pointer + ("tags", i))
    yield from _parameters(api, op, where, checked)


def _parameters(api: Api, op: Operation, where: str, checked: set[int]) -> Iterator[Issue]:
    for params, uri, at in ((op.path_item.get("parameters"), op.path_item_uri,
                             op.path_item_pointer + ("parameters",)),
                            (op.node.get("parameters"), op.uri, op.pointer + ("parameters",))):
        if not isinstance(params, list) or id(params) in checked:
            continue  # a path item's list is shared by its operations: check it once
        checked.add(id(params))
        seen: set[tuple] = set()
        for i, raw in enumerate(params):
            node = api.bundle.resolve(raw, uri, at + (i,))[0]
            if isinstance(node, dict):
                key = (node.get("name"), node.get("in"))
                if key in seen:
                    yield Issue(SCHEMA_VIOLATION, f"duplicate parameter {key[0]!r} in {key[1]}",
                                uri, at + (i,))
                seen.add(key)
    in_template = _TEMPLATE.findall(op.path)
    declared = {}
    for node, uri, at in parameters_of(api, op):
        if node.get("in") == "path" and isinstance(node.get("name"), str):
            declared[node["name"]] = (uri, at)
    for name in in_template:
        if name not in declared:
            yield Issue(PATH_PARAMETER_MISMATCH, f"path parameter {{{name}}} of {where} is not "
                        f"declared (in: path)", op.uri, op.pointer)
    for name, (uri, at) in declared.items():
        if name not in in_template:
            yield Issue(PATH_PARAMETER_MISMATCH, f"path parameter {name!r} of {where} is not in "
                        f"the path", uri, at + ("name",))


def _paths(api: Api) -> Iterator[Issue]:
    paths = api.data.get("paths")
    if not isinstance(paths, dict):
        return
    by_shape: dict[str, str] = {}
    tries: dict[int, _PathNode] = {}
    # a trie answers "which earlier path can match the same URL" without comparing all pairs; a
    # hostile set can still make it branch widely, so the walk has a budget linear in the paths
    budget = [_WORK_PER_PATH * len(paths) + _WORK_BASE]
    for index, path in enumerate(paths):
        if path.startswith("x-"):
            continue
        shape = _TEMPLATE.sub("{}", path.rstrip("/") or "/")
        if shape in by_shape:
            yield Issue(IDENTICAL_PATHS, f"path {path!r} is identical to {by_shape[shape]!r} but for "
                        f"parameter names", api.uri, ("paths", path))
            continue
        by_shape[shape] = path
        segments = shape.split("/")
        root = tries.setdefault(len(segments), _PathNode(index))
        if budget[0] > 0:
            other = _first_ambiguous(root, segments, budget)
            if budget[0] <= 0:
                yield Issue(LIMIT_HIT, f"ambiguous paths are not checked from path {path!r} on: "
                            f"the paths need more than {_WORK_PER_PATH * len(paths) + _WORK_BASE:,} "
                            f"comparisons", api.uri, ("paths", path))
            elif other is not None:
                yield Issue(AMBIGUOUS_PATHS, f"path {path!r} and path {other!r} can match the same "
                            f"URL", api.uri, ("paths", path))
        root.add(segments, index, path)


_WORK_PER_PATH = 20
_WORK_BASE = 50_000


class _PathNode:
    """Paths of one segment count by segment; ``first`` is the earliest path through the node."""

    __slots__ = ("first", "literal", "templated", "path")

    def __init__(self, first: int) -> None:
        self.first = first
        self.literal: dict[str, _PathNode] = {}
        self.templated: dict[str, _PathNode] = {}
        self.path: str | None = None

    def add(self, segments: list[str], index: int, path: str) -> None:
        node = self
        for segment in segments:
            children = node.templated if "{}" in segment else node.literal
            child = children.get(segment)
            if child is None:
                child = children[segment] = _PathNode(index)
            node = child
        node.path = path


def _first_ambiguous(root: _PathNode, segments: list[str], budget: list[int]) -> str | None:
    """The earliest path that matches a URL ``segments`` also matches, each side having a
    template where the other has a literal (``/a/{x}/b`` and ``/a/c/{y}``).

    Depth first, earliest paths first: siblings are in the order paths were added, so once a
    match is known, a sibling whose first path comes later cannot hold an earlier one and the
    rest of its siblings are skipped. ``budget[0]`` is decremented per node visited.
    """
    best_index, best_path = -1, None
    last = len(segments)
    # each entry: children still to try at that depth, their depth, and the two flags so far
    stack: list[tuple[Iterator[tuple[_PathNode, bool, bool]], int]] = [
        (iter([(root, False, False)]), 0)]
    while stack:
        children, depth = stack[-1]
        step = next(children, None)
        if step is None:
            stack.pop()
            continue
        node, mine, theirs = step
        budget[0] -= 1
        if budget[0] <= 0:
            return None
        if best_path is not None and node.first >= best_index:
            stack.pop()  # later siblings start later still
            continue
        if depth == last:
            if mine and theirs and node.path is not None:
                best_index, best_path = node.first, node.path
            continue
        stack.append((_next_steps(node, segments[depth], mine, theirs), depth + 1))
    return best_path


def _next_steps(node: _PathNode, segment: str, mine: bool, theirs: bool
                ) -> Iterator[tuple[_PathNode, bool, bool]]:
    """The children of ``node`` a path with ``segment`` next can meet, earliest first (lazily:
    children are kept in the order they were added, which is the order of their ``first``)."""
    if "{}" in segment:
        others = ((child, True, theirs) for child in node.literal.values())
        same = node.templated.get(segment)
    else:
        others = ((child, mine, True) for child in node.templated.values())
        same = node.literal.get(segment)
    if same is None:
        return others
    return heapq.merge(others, [(same, mine, theirs)], key=lambda step: step[0].first)


def _security(api: Api, requirements: Any, uri: str, at: tuple) -> Iterator[Issue]:
    if not isinstance(requirements, list):
        return
    schemes = api.security_schemes()
    for i, requirement in enumerate(requirements):
        if not isinstance(requirement, dict):
            continue
        for name, scopes in requirement.items():
            scheme = schemes.get(name)
            if scheme is None:
                yield Issue(UNDEFINED_SECURITY_SCHEME, f"security scheme {name!r} is not defined",
                            uri, at + (i, name))
                continue
            known = _scopes(scheme)
            if known is None or not isinstance(scopes, list):
                continue
            for j, scope in enumerate(scopes):
                if scope not in known:
                    yield Issue(UNKNOWN_SCOPE, f"scope {scope!r} is not declared by security scheme "
                                f"{name!r}", uri, at + (i, name, j))


def _scopes(scheme: Any) -> set[str] | None:
    """The scopes an OAuth2 scheme declares; ``None`` when the scheme has no scope list."""
    if not isinstance(scheme, dict) or scheme.get("type") != "oauth2":
        return None
    if isinstance(scheme.get("scopes"), dict):  # Swagger 2.0
        return set(scheme["scopes"])
    flows = scheme.get("flows")
    scopes: set[str] = set()
    for flow in (flows.values() if isinstance(flows, dict) else ()):
        if isinstance(flow, dict) and isinstance(flow.get("scopes"), dict):
            scopes |= set(flow["scopes"])
    return scopes


def _unused_components(api: Api) -> Iterator[Issue]:
    targets: set[tuple[str, tuple]] = set()
    for site in api.bundle.refs:
        found = api.bundle.target(site.uri, site.value)
        if found:
            targets.add((found[0], found[1][:3]))
            targets.add((found[0], found[1][:2]))
    if api.version == "2.0":
        groups = [((kind,), api.data.get(kind)) for kind in _COMPONENT_KINDS_2]
    else:
        components = api.data.get("components")
        components = components if isinstance(components, dict) else {}
        groups = [(("components", kind), components.get(kind)) for kind in _COMPONENT_KINDS_3]
    for prefix, group in groups:
        for name in (group if isinstance(group, dict) else ()):
            pointer = prefix + (name,)
            if (api.uri, pointer) not in targets:
                yield Issue(UNUSED_COMPONENT, f"{'/'.join(prefix)}/{name} is never referenced",
                            api.uri, pointer)


def _unsafe_html(api: Api) -> Iterator[Issue]:
    for uri, doc in sorted(api.bundle.documents.items()):
        stack: list[tuple[Any, tuple]] = [(doc.data, ())]
        while stack:
            node, at = stack.pop()
            if isinstance(node, dict):
                for key, value in node.items():
                    if isinstance(value, str):
                        if key in ("description", "summary", "title") and _UNSAFE_HTML.search(value):
                            yield Issue(UNSAFE_HTML, f"{key} contains script or event-handler HTML "
                                        f"({_UNSAFE_HTML.search(value).group(0)!r})", uri, at + (key,))
                    elif isinstance(value, (dict, list)) and key not in ("example", "examples", "default", "enum"):
                        stack.append((value, at + (key,)))
            elif isinstance(node, list):
                stack.extend((v, at + (i,)) for i, v in enumerate(node) if isinstance(v, (dict, list)))


def _examples(api: Api, op: Operation, values: ValueChecker) -> Iterator[Issue]:
    bundle = api.bundle
    holders: list[tuple[dict, str, tuple, str]] = []
    for node, uri, at in parameters_of(api, op):
        holders.append((node, uri, at, "request"))
    body, buri, bat = bundle.resolve(op.node.get("requestBody"), op.uri, op.pointer + ("requestBody",))
    if isinstance(body, dict):
        holders.append((body, buri, bat, "request"))
    responses = op.node.get("responses")
    for code, raw in (responses.items() if isinstance(responses, dict) else ()):
        response, ruri, rat = bundle.resolve(raw, op.uri, op.pointer + ("responses", code))
        if isinstance(response, dict):
            holders.append((response, ruri, rat, "response"))
            if api.version == "2.0" and isinstance(response.get("examples"), dict) and "schema" in response:
                for mime, value in response["examples"].items():
                    yield from _example(values, response["schema"], ruri, value, ruri,
                                        rat + ("examples", mime), "response")
    for holder, uri, at, context in holders:
        media = [(holder, at)]
        content = holder.get("content")
        for name, item in (content.items() if isinstance(content, dict) else ()):
            if isinstance(item, dict):
                media.append((item, at + ("content", name)))
        for item, item_at in media:
            if "schema" not in item or api.version == "2.0":
                continue
            if "example" in item:
                yield from _example(values, item["schema"], uri, item["example"], uri,
                                    item_at + ("example",), context)
            examples = item.get("examples")
            for name, raw in (examples.items() if isinstance(examples, dict) else ()):
                example, euri, eat = bundle.resolve(raw, uri, item_at + ("examples", name))
                if isinstance(example, dict) and "value" in example:
                    yield from _example(values, item["schema"], uri, example["value"], euri,
                                        eat + ("value",), context)


def _example(values: ValueChecker, schema: Any, schema_uri: str, value: Any, uri: str, at: tuple,
             context: str) -> Iterator[Issue]:
    for message in values.errors(schema, schema_uri, value, context):
        yield Issue(EXAMPLE_MISMATCH, f"example does not match its schema: {message}", uri, at)
