"""Line and column of JSON pointers in a document's text.

JSON text is walked along the wanted pointers only, skipping every other value with the C JSON
scanner, so locating a few hundred nodes in a 13 MB file costs about one parse. YAML text is
composed by libyaml, whose nodes carry their marks. A pointer that leads nowhere is placed at
its deepest existing ancestor. An object key is placed at the key, an array item at the item.
"""

from __future__ import annotations

import bisect
import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

import yaml

from .documents import Document

_HERE = object()
_WS = re.compile(r"[ \t\n\r]*")
_SCAN = json.JSONDecoder().scan_once


def positions(doc: Document, pointers: set[tuple]) -> dict[tuple, tuple[int, int]]:
    """``pointer -> (line, column)``, both from 1, for every wanted pointer."""
    trie: dict = {}
    for pointer in pointers:
        node = trie
        for part in pointer:
            node = node.setdefault(part, {})
        node[_HERE] = True
    try:
        if doc.format == "json":
            offsets = _json_offsets(doc.text, trie)
            return _to_lines(doc.text, offsets, pointers)
        return _yaml_positions(doc.text, trie, pointers)
    except (ValueError, IndexError, yaml.YAMLError, RecursionError):
        return {}


def _to_lines(text: str, offsets: dict[tuple, int], pointers: set[tuple]) -> dict[tuple, tuple[int, int]]:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    out = {}
    for pointer in pointers:
        probe = pointer
        while probe not in offsets and probe:
            probe = probe[:-1]
        offset = offsets.get(probe, len(text) - len(text.lstrip()))
        line = bisect.bisect_right(starts, offset)
        out[pointer] = (line, offset - starts[line - 1] + 1)
    return out


def _json_offsets(text: str, trie: dict) -> dict[tuple, int]:
    offsets: dict[tuple, int] = {}
    start = _WS.match(text, 0).end()
    offsets[()] = start
    _walk_json(text, start, trie, (), offsets)
    return offsets


def _walk_json(text: str, idx: int, trie: dict, prefix: tuple, offsets: dict) -> int:
    """Walk the value at ``idx`` along ``trie``; returns the index just after the value."""
    ws = _WS.match
    opener = text[idx]
    if opener not in "{[":
        return _SCAN(text, idx)[1]
    closer = "}" if opener == "{" else "]"
    idx = ws(text, idx + 1).end()
    if text[idx] == closer:
        return idx + 1
    position = 0
    while True:
        if opener == "{":
            key, after = scanstring(text, idx + 1)
            key_at = idx
            idx = ws(text, after).end() + 1  # past ':'
            idx = ws(text, idx).end()
        else:
            key, key_at = position, idx
            position += 1
        sub = trie.get(key)
        if sub is None:
            idx = _SCAN(text, idx)[1]
        else:
            path = prefix + (key,)
            offsets[path] = key_at
            if len(sub) > (1 if _HERE in sub else 0):
                idx = _walk_json(text, idx, sub, path, offsets)
            else:
                idx = _SCAN(text, idx)[1]
        idx = ws(text, idx).end()
        if text[idx] == ",":
            idx = ws(text, idx + 1).end()
            continue
        return idx + 1


def _yaml_positions(text: str, trie: dict, pointers: set[tuple]) -> dict[tuple, tuple[int, int]]:
    root = yaml.compose(text, Loader=yaml.CSafeLoader)  # noqa: S506 (composes, never constructs)
    marks: dict[tuple, Any] = {}
    if root is not None:
        marks[()] = root.start_mark
        _walk_yaml(root, trie, (), marks)
    out = {}
    for pointer in pointers:
        probe = pointer
        while probe not in marks and probe:
            probe = probe[:-1]
        mark = marks.get(probe)
        out[pointer] = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return out


def _walk_yaml(node: Any, trie: dict, prefix: tuple, marks: dict) -> None:
    if isinstance(node, yaml.MappingNode):
        children = [(k.value if isinstance(k, yaml.ScalarNode) else None, k, v) for k, v in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = [(i, v, v) for i, v in enumerate(node.value)]
    else:
        return
    for key, key_node, value in children:
        sub = trie.get(key)
        if sub is None and isinstance(key, str):
            sub = trie.get(_normal_key(key))
        if sub is None:
            continue
        path = prefix + (key if not isinstance(key, str) else _trie_key(trie, key),)
        marks[path] = key_node.start_mark
        _walk_yaml(value, sub, path, marks)


def _trie_key(trie: dict, key: str) -> str:
    return key if key in trie else _normal_key(key)


def _normal_key(key: str) -> str:
    """YAML keys as the data loader spells them (``True`` -> ``true``, ``~`` -> ``null``)."""
    lowered = key.lower()
    if lowered in ("true", "yes", "on"):
        return "true"
    if lowered in ("false", "no", "off"):
        return "false"
    if lowered in ("~", "null", ""):
        return "null"
    return key
