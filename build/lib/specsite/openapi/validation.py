"""Schema validity, with openapi-spec-validator's semantics and a fraction of its time.

The document is checked against the official OpenAPI JSON schema that openapi-spec-validator
ships, with ``jsonschema_rs`` (Rust) when installed and ``jsonschema`` otherwise; only when that
finds something is the document validated again with ``jsonschema`` for its precise messages.
The checks the validator makes beyond its JSON schema (duplicate parameters and tags, schema
objects, defaults, ``required`` under ``allOf``) are re-implemented on plain data in
:mod:`.structure`; duplicate operationIds and path parameters are lint rules of their own.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from typing import Any

from .issues import Issue
from .rules import SCHEMA_VIOLATION

try:
    import jsonschema_rs
except ImportError:  # pragma: no cover - the pure-Python path is tested through the fallback
    jsonschema_rs = None


@functools.cache
def _official_schema(version: str) -> dict:
    """The schema file openapi-spec-validator ships (read directly: importing it costs more)."""
    spec = importlib.util.find_spec("openapi_spec_validator")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return json.loads((folder / "resources" / "schemas" / f"v{version}" / "schema.json").read_text("utf-8"))


@functools.cache
def _fast_validator(version: str) -> Any:
    return jsonschema_rs.validator_for(_official_schema(version)) if jsonschema_rs else None


@functools.cache
def _precise_validator(version: str) -> Any:
    import jsonschema

    schema = _official_schema(version)
    return jsonschema.validators.validator_for(schema)(schema)


def schema_issues(data: dict, version: str, uri: str, use_fast: bool = True) -> list[Issue]:
    """Where ``data`` breaks the official schema of its OpenAPI version."""
    fast = _fast_validator(version) if use_fast else None
    if fast is not None and fast.is_valid(data):
        return []
    issues = []
    for error in _precise_validator(version).iter_errors(data):
        error = explain(error)
        pointer = tuple(error.absolute_path)
        message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
        issues.append(Issue(SCHEMA_VIOLATION, f"{where(pointer)}: {message}", uri, pointer))
    return issues


def where(pointer: tuple) -> str:
    """A pointer as people read it: ``paths > /pets/{id} > get``."""
    return " > ".join(str(p) for p in pointer) or "(top level)"


def explain(error: Any) -> Any:
    """The error inside a failed ``oneOf``/``anyOf`` that says what is wrong.

    The official schemas offer alternatives: a Schema Object or a Reference Object, a parameter
    in path, query, header or cookie. The alternative meant is the one that is not a Reference
    (the node has no ``$ref``) and whose discriminating field (``in``, ``type``) matched; among
    those, the one with the fewest and deepest errors.
    """
    while error.context:
        branches: dict[Any, list] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        candidates = [b for b in branches.values() if not _reference_branch(b, error.instance)]
        meant = [b for b in candidates if not any(_discriminator_miss(e, error) for e in b)]
        chosen = meant or candidates
        if not chosen:
            break
        branch = min(chosen, key=lambda b: (len(b), -max(len(e.absolute_path) for e in b)))
        error = max(branch, key=lambda e: len(e.absolute_path))
    return error


def _reference_branch(errors: list, instance: Any) -> bool:
    return isinstance(instance, dict) and "$ref" not in instance and any(
        e.validator == "required" and "'$ref'" in e.message for e in errors)


def _discriminator_miss(error: Any, parent: Any) -> bool:
    extra = list(error.absolute_path)[len(parent.absolute_path):]
    return error.validator in ("enum", "const") and extra in (["in"], ["type"])
