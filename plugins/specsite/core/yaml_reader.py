"""Fast, positioned YAML reading on libyaml, for what people write by hand (front matter, specs).

libyaml's C parser and composer keep a line and column on every node, which is all findings need,
at a fraction of the cost of a round-trip loader (ruamel.yaml stays for editing files). Scalars are
resolved as YAML 1.2 does for booleans — only true/false, so ``country: NO`` stays a string — and
without 1.1's base-60 numbers.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

import yaml

from .limits import Limits, current

_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_BRACKET = re.compile(r"[\[\]{}]")
_BOOL_12 = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT_12 = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT_12 = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                       r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")


class PositionedLoader(yaml.CSafeLoader):
    """CSafeLoader with YAML 1.2 booleans and numbers (dates stay dates)."""


PositionedLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
PositionedLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL_12, list("tTfF"))
PositionedLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT_12, list("-+0123456789"))
PositionedLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT_12, list("-+.0123456789"))


def _int_12(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text)


PositionedLoader.add_constructor("tag:yaml.org,2002:int", _int_12)


class LimitError(ValueError):
    """YAML (or JSON) text over one of the :class:`~specsite.core.limits.Limits`: refused before
    it is composed. ``line`` and ``column`` count from 1."""

    def __init__(self, message: str, line: int = 1, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def too_deep_at(text: str, limit: int) -> int | None:
    """The offset of the first ``[``/``{`` nested deeper than ``limit``, if any (YAML or JSON).

    libyaml's scanner keeps a list of possible simple keys per flow level that it rescans on
    every token, so deep flow nesting is quadratic there (and the composer recurses in C): such
    text must be refused before libyaml sees it. Quoted brackets count too; the generous limit
    keeps that harmless.
    """
    brackets = _NOT_BRACKETS.sub("", text)
    if len(brackets) <= limit:
        return None
    depth = 0
    for match in _BRACKET.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > limit:
            return match.start()
    return None


def check_limits(text: str, limits: Limits | None = None) -> None:
    """Raise :class:`LimitError` when ``text`` nests deeper than ``limits.max_nesting`` or, once
    its aliases are expanded, holds more than ``limits.max_yaml_nodes`` nodes.

    Both are measured on libyaml's event stream, which is produced without recursion and costs a
    fraction of composing: nothing deep or huge is ever composed, constructed or walked. Syntax
    errors raise ``yaml.YAMLError`` here as they would when loading.
    """
    limits = limits or current()
    offset = too_deep_at(text, limits.max_nesting)
    if offset is not None:
        line = text.count("\n", 0, offset) + 1
        raise LimitError(f"collections nested more than {limits.max_nesting} levels deep "
                         f"(limits.max_nesting)", line, offset - text.rfind("\n", 0, offset))
    _check_events(text, limits)


def _check_events(text: str, limits: Limits) -> None:
    most, deepest = limits.max_yaml_nodes, limits.max_nesting
    #: where each open collection started, in expanded nodes, and its anchor
    open_: list[tuple[int, str | None]] = []
    #: expanded size of each anchored node, so an alias costs what it stands for
    anchored: dict[str, int] = {}
    expanded = 0
    parser = yaml.CSafeLoader(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                expanded += 1
                if event.anchor is not None:
                    anchored[event.anchor] = 1
            elif kind is yaml.AliasEvent:
                expanded += anchored.get(event.anchor, 1)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                open_.append((expanded, event.anchor))
                expanded += 1
                if len(open_) > deepest:
                    mark = event.start_mark
                    raise LimitError(f"collections nested more than {deepest} levels deep "
                                     f"(limits.max_nesting)", mark.line + 1, mark.column + 1)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                start, anchor = open_.pop()
                if anchor is not None:
                    anchored[anchor] = expanded - start
                continue
            else:
                continue
            if expanded > most:
                mark = event.start_mark
                raise LimitError(f"more than {most:,} YAML nodes once aliases are expanded "
                                 f"(limits.max_yaml_nodes)", mark.line + 1, mark.column + 1)
    finally:
        parser.dispose()


def load_positioned(text: str) -> tuple[Any, yaml.Node | None]:
    """The data and the root node of one YAML document (raises ``yaml.YAMLError``,
    :class:`LimitError` or ``ValueError``)."""
    check_limits(text)
    loader = PositionedLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def duplicate_keys(node: yaml.Node | None) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """Keys that appear twice in one mapping: ``(key, first key node, repeated key node)``.

    Each node is visited once: an aliased node is shared, and walking it once per alias would
    walk the whole expansion the aliases stand for.
    """
    found = []
    stack = [node] if node is not None else []
    visited: set[int] = set()
    while stack:
        current_node = stack.pop()
        if id(current_node) in visited:
            continue
        visited.add(id(current_node))
        if isinstance(current_node, yaml.MappingNode):
            seen: dict[str, yaml.Node] = {}
            for key, value in current_node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        found.append((key.value, seen[key.value], key))
                    else:
                        seen[key.value] = key
                stack.append(value)
        elif isinstance(current_node, yaml.SequenceNode):
            stack.extend(current_node.value)
    return sorted(found, key=lambda f: (f[2].start_mark.line, f[2].start_mark.column))


def node_at(node: yaml.Node | None, path: Sequence[str | int]) -> list[yaml.Node]:
    """The key or item nodes along ``path`` (as deep as it exists): for a mapping step the key
    node, for a sequence step the item node."""
    trail = []
    current = node
    for step in path:
        if isinstance(current, yaml.MappingNode) and isinstance(step, str):
            pair = next(((k, v) for k, v in current.value
                         if isinstance(k, yaml.ScalarNode) and k.value == step), None)
            if pair is None:
                break
            trail.append(pair[0])
            current = pair[1]
        elif isinstance(current, yaml.SequenceNode) and isinstance(step, int) \
                and 0 <= step < len(current.value):
            current = current.value[step]
            trail.append(current)
        else:
            break
    return trail
