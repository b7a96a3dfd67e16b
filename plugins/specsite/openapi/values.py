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


@functools.cache
def _validator_class(version: str, context: str) -> Any:
    from jsonschema.validators import extend

    base = _base(version)[0]
    if context == "request":
        return extend(base, validators={"required": _required_for("readOnly")})
    if context == "response":
        return extend(base, validators={"required": _required_for("writeOnly")})
    if context == "schema":  # a schema's own example may show either direction
        return extend(base, validators={"required": _required_for("readOnly", "writeOnly")})
    return base


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
