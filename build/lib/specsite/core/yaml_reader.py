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

MAX_FLOW_DEPTH = 1000
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
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


def too_deeply_nested(text: str) -> bool:
    """True when ``[``/``{`` nest deeper than :data:`MAX_FLOW_DEPTH`.

    libyaml recurses in C: a deep enough flow collection overflows the stack and kills the process
    before Python can raise, so such text must never reach it. Quoted brackets count too; the
    generous limit keeps that harmless.
    """
    brackets = _NOT_BRACKETS.sub("", text)
    if len(brackets) <= MAX_FLOW_DEPTH:
        return False
    depth = 0
    for char in brackets:
        depth += 1 if char in "[{" else -1
        if depth > MAX_FLOW_DEPTH:
            return True
    return False


def load_positioned(text: str) -> tuple[Any, yaml.Node | None]:
    """The data and the root node of one YAML document (raises ``yaml.YAMLError``/``ValueError``)."""
    loader = PositionedLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def duplicate_keys(node: yaml.Node | None) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """Keys that appear twice in one mapping: ``(key, first key node, repeated key node)``."""
    found = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, yaml.Node] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        found.append((key.value, seen[key.value], key))
                    else:
                        seen[key.value] = key
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
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
