"""Parsing one OpenAPI file (or a part reached through ``$ref``) into plain JSON-like data.

JSON is parsed with :func:`json.loads` — also when a ``.yaml`` file holds JSON, as Kubernetes'
description does — and YAML with libyaml (``CSafeLoader``). The data is what a JSON document
would give: mapping keys are strings (``200:`` becomes ``"200"``) and timestamps stay strings,
because OpenAPI is defined on the JSON data model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..core.findings import Finding
from ..core.project import Project
from ..core.textfile import read_text
from ..core.limits import current
from ..core.rules import LIMIT_HIT
from ..core.yaml_reader import LimitError, too_deep_at, check_limits
from .issues import Issue
from .rules import INVALID_DOCUMENT

#: a JSON pointer inside one document, as a tuple of keys (str) and indexes (int)
Pointer = tuple


@dataclass
class Document:
    """One parsed file: where it is, its text (for locating findings) and its data."""

    uri: str
    rel: str
    text: str
    data: Any
    format: str
    path: Path | None = None


class _JsonDataLoader(yaml.CSafeLoader):  # type: ignore[misc]
    """libyaml, but with string keys and no timestamp type (the JSON data model)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        mapping = super().construct_mapping(node, deep=deep)
        if all(type(k) is str for k in mapping):
            return mapping
        return {_key(k): v for k, v in mapping.items()}


def _key(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    return str(key)


_JsonDataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}


def parse_text(text: str, uri: str, rel: str, path: Path | None = None) -> Document | Issue:
    """A :class:`Document`, or an :class:`Issue` saying why the text is not JSON or YAML."""
    stripped = text.lstrip()
    json_error: json.JSONDecodeError | None = None
    if stripped[:1] in ("{", "["):
        offset = too_deep_at(text, current().max_nesting)
        if offset is not None:
            return Issue(LIMIT_HIT, f"not read: collections nested more than "
                         f"{current().max_nesting} levels deep (limits.max_nesting)", uri, (),
                         line=text.count("\n", 0, offset) + 1)
        try:
            return Document(uri, rel, text, json.loads(text), "json", path)
        except json.JSONDecodeError as exc:
            json_error = exc  # YAML flow style also starts with a brace: let the YAML parser decide
        except RecursionError:
            return Issue(LIMIT_HIT, "not read: JSON nested too deeply (limits.max_nesting)", uri, (),
                         line=1)
    if json_error is not None and rel.lower().endswith(".json"):
        return Issue(INVALID_DOCUMENT, f"cannot parse JSON: {json_error.msg}", uri, (),
                     line=json_error.lineno, column=json_error.colno)
    try:
        # YAML aliases share nodes: expanded, a few lines can stand for billions of nodes ("billion
        # laughs") that every walk over the data would pay for; and libyaml composes recursively
        # in C, so deep nesting would kill the process. Both are measured before composing.
        check_limits(text)
    except LimitError as exc:
        return Issue(LIMIT_HIT, f"not read: {exc.message}", uri, (), line=exc.line, column=exc.column)
    except yaml.YAMLError:
        pass  # loading reports it with its position
    try:
        data = yaml.load(text, Loader=_JsonDataLoader)  # noqa: S506 (a safe loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        return Issue(INVALID_DOCUMENT, f"cannot parse YAML: {problem}", uri, (),
                     line=mark.line + 1 if mark else 1, column=mark.column + 1 if mark else None)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        return Issue(INVALID_DOCUMENT, f"cannot parse YAML: {exc}", uri, (), line=1)
    return Document(uri, rel, text, data, "yaml", path)


def read_document(project: Project, path: Path, findings: list[Finding]) -> Document | Issue | None:
    """Read and parse a file; unreadable text becomes a finding (and ``None``)."""
    text = read_text(project, path, findings)
    if text is None:
        return None
    return parse_text(text, path.as_posix(), project.rel(path), path)


def api_version(data: Any) -> str | None:
    """``"2.0"``, ``"3.0"``, ``"3.1"`` or ``"3.2"`` for a description, else ``None``."""
    if not isinstance(data, dict):
        return None
    if "swagger" in data:
        return "2.0" if str(data["swagger"]) == "2.0" else None
    version = data.get("openapi")
    if isinstance(version, str):
        for known in ("3.0", "3.1", "3.2"):
            if version == known or version.startswith(known + "."):
                return known
    return None


def is_description(data: Any) -> bool:
    """True for a document that is an API description (not a part reached through ``$ref``)."""
    return isinstance(data, dict) and ("openapi" in data or "swagger" in data)
