"""Validating values (defaults, examples) against the schemas of an API, ``$ref``s included.

Every document of the API's bundle is a resource of one ``referencing`` registry, so a schema
that refers to ``common.yaml#/schemas/Error`` resolves as openapi-spec-validator resolves it.
Requests do not need readOnly properties and responses do not need writeOnly ones, whatever
``required`` says (OpenAPI 3.x, Schema Object: readOnly / writeOnly).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Iterator

from .refs import Bundle

# jsonschema, openapi-schema-validator and referencing are imported on first use: most
# descriptions have few defaults and examples, and their import is a third of a cold check.


@functools.cache
def _base(version: str) -> tuple[Any, Any, Any]:
    """The value validator class, format checker and referencing specification of a version."""
    import openapi_schema_validator as osv
    from referencing.jsonschema import DRAFT4, DRAFT202012

    return {
        "2.0": (osv.OAS30Validator, osv.oas30_format_checker, DRAFT4),
        "3.0": (osv.OAS30Validator, osv.oas30_format_checker, DRAFT4),
        "3.1": (osv.OAS31Validator, osv.oas31_format_checker, DRAFT202012),
        "3.2": (osv.OAS32Validator, osv.oas32_format_checker, DRAFT202012),
    }[version]


def _required_for(*skip: str):  # noqa: ANN202 (a jsonschema keyword function)
    from jsonschema import ValidationError

    def required(validator: Any, required: Any, instance: Any, schema: dict) -> Iterator[Any]:
        if not validator.is_type(instance, "object") or not isinstance(required, list):
            return
        properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
        for name in required:
            if name in instance:
                continue
            prop = properties.get(name)
            if isinstance(prop, dict) and "$ref" in prop:
                prop = validator._resolver.lookup(prop["$ref"]).contents if _resolvable(validator, prop) else {}
            if isinstance(prop, dict) and any(prop.get(flag) for flag in skip):
                continue
            yield ValidationError(f"{name!r} is a required property")
    return required


def _resolvable(validator: Any, prop: dict) -> bool:
    from referencing.exceptions import Unresolvable

    try:
        validator._resolver.lookup(prop["$ref"])
    except Unresolvable:
        return False
    return True


@functools.lru_cache(maxsize=4096)
def _regex(pattern: str) -> Any:
    """A matcher for a spec's ``pattern``: the Rust regex engine of jsonschema-rs, which runs in
    linear time (and bounds backtracking for look-arounds and back-references), never Python's
    ``re``, where ``^(a+)+$`` against a crafted example would hang the build. ``None`` when the
    pattern does not compile (schemas.py reports it)."""
    import jsonschema_rs

    try:
        return jsonschema_rs.validator_for({"type": "string", "pattern": pattern})
    except Exception:  # noqa: BLE001  (an invalid pattern: reported by the schema checks)
        return None


def matches(pattern: str, text: str, unknown: bool = True) -> bool:
    """True when ``text`` matches ``pattern``; ``unknown`` when the pattern cannot be run (it does
    not compile, or the backtracking limit is hit): no verdict, so no finding."""
    matcher = _regex(pattern)
    if matcher is None:
        return unknown
    try:
        return matcher.is_valid(text)
    except Exception:  # noqa: BLE001
        return unknown


def _pattern(validator: Any, pattern: Any, instance: Any, schema: dict) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and isinstance(pattern, str) \
            and not matches(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(validator: Any, patterns: Any, instance: Any, schema: dict) -> Iterator[Any]:
    if not validator.is_type(instance, "object") or not isinstance(patterns, dict):
        return
    for pattern, subschema in patterns.items():
        for key, value in instance.items():
            if isinstance(pattern, str) and isinstance(key, str) and matches(pattern, key, False):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional_properties(validator: Any, additional: Any, instance: Any, schema: dict
                           ) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "object"):
        return
    named = schema.get("properties", {}) or {}
    patterns = [p for p in (schema.get("patternProperties") or {}) if isinstance(p, str)]
    extras = [k for k in instance if k not in named
              and not any(matches(p, str(k), False) for p in patterns)]
    if validator.is_type(additional, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], additional, path=extra)
    elif additional is False and extras:
        yield ValidationError(f"Additional properties are not allowed ({', '.join(map(repr, extras))} "
                              f"{'was' if len(extras) == 1 else 'were'} unexpected)")


#: keywords whose regular expressions come from the spec: run with a linear-time engine
_SAFE_REGEX = {"pattern": _pattern, "patternProperties": _pattern_properties,
               "additionalProperties": _additional_properties}


@functools.cache
def _validator_class(version: str, context: str) -> Any:
    from jsonschema.validators import extend

    base = _base(version)[0]
    if context == "request":
        return extend(base, validators={**_SAFE_REGEX, "required": _required_for("readOnly")})
    if context == "response":
        return extend(base, validators={**_SAFE_REGEX, "required": _required_for("writeOnly")})
    if context == "schema":  # a schema's own example may show either direction
        return extend(base, validators={**_SAFE_REGEX,
                                        "required": _required_for("readOnly", "writeOnly")})
    return extend(base, validators=_SAFE_REGEX)


def file_uri(uri: str) -> str:
    """The URI a document has in the registry (``file://`` for local files)."""
    return uri if "://" in uri else Path(uri).as_uri()


class ValueChecker:
    """Checks values against schemas of one API bundle."""

    def __init__(self, bundle: Bundle, version: str) -> None:
        self.version = version
        self.bundle = bundle
        self._registry: Any = None

    @property
    def registry(self) -> Any:
        """Every document of the bundle as a resource, by its URI (built on first use)."""
        if self._registry is None:
            from referencing import Registry, Resource

            spec = _base(self.version)[2]
            self._registry = Registry().with_resources(
                (file_uri(uri), Resource(contents=doc.data, specification=spec))
                for uri, doc in self.bundle.documents.items())
        return self._registry

    def errors(self, schema: Any, uri: str, value: Any, context: str = "any") -> list[str]:
        """Messages saying how ``value`` breaks ``schema`` (stated in document ``uri``)."""
        if not isinstance(schema, (dict, bool)):
            return []
        from jsonschema.exceptions import UnknownType
        from referencing.exceptions import Unresolvable

        cls = _validator_class(self.version, context)
        validator = cls(schema, _resolver=self.registry.resolver(base_uri=file_uri(uri)),
                        format_checker=_base(self.version)[1])
        try:
            found = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
        except (Unresolvable, UnknownType, RecursionError, ValueError, TypeError):
            # a broken $ref and an unknown type are reported on their own; a schema that cannot
            # be applied proves nothing about the value
            return []
        messages = []
        for error in found[:3]:
            where = "/".join(str(p) for p in error.absolute_path)
            message = error.message if len(error.message) <= 160 else error.message[:157] + "..."
            messages.append(f"{where}: {message}" if where else message)
        return messages
