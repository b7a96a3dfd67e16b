"""The JSON Schema dialects a Schema Object may name, resolved without the network.

An OpenAPI 3.1/3.2 Schema Object is checked against the meta-schema of its dialect: its own
``$schema``, else the document's ``jsonSchemaDialect``, else JSON Schema 2020-12. Both validators
fetch a meta-schema they do not know, so the OAS base dialect (which the public OpenAPI 3.1
examples name) made an offline ``check`` die, and any URL a spec chose was requested by a
pull-request build. Here every meta-schema a description names in practice is local: the OAS
dialects and vocabularies in ``dialects/`` (the OpenAPI Initiative's published files, as
openapi-schema-validator ships them) and the JSON Schema drafts of jsonschema-specifications.
Any other ``$schema`` is remote: fetched only from a host ``openapi_allow_hosts`` names (through
:func:`~specsite.openapi.refs.fetch_url`, redirects checked), refused otherwise.
"""

from __future__ import annotations

import functools
import http.client
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .refs import allowed_url

_FOLDER = Path(__file__).parent / "dialects"
#: JSON Schema 2020-12: the dialect of a 3.1/3.2 Schema Object that names none
DEFAULT_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def normalise(uri: str) -> str:
    """A dialect URI as registries key it (an empty fragment dropped: ``...schema#``)."""
    return uri[:-1] if uri.endswith("#") else uri


@functools.cache
def shipped() -> dict[str, Any]:
    """Every meta-schema specsite has locally, by ``$id``: the OAS files and the JSON Schema drafts."""
    from jsonschema_specifications import REGISTRY

    found: dict[str, Any] = {normalise(uri): REGISTRY.contents(uri) for uri in REGISTRY}
    for path in sorted(_FOLDER.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        found[normalise(contents["$id"])] = contents
    return found


def is_shipped(uri: str) -> bool:
    """True for a dialect validated with no fetch at all."""
    return normalise(uri) in shipped()


@dataclass
class Dialects:
    """The meta-schemas of one run: the shipped ones, plus allow-listed remote ones fetched once."""

    allow_hosts: list[str]
    #: the text at a URL (already allow-listed; redirects are the fetcher's to check)
    fetch_text: Callable[[str], str]
    fetched: dict[str, Any] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    def allowed(self, uri: str) -> bool:
        """A dialect that may be used: shipped, or on an allow-listed host."""
        return is_shipped(uri) or allowed_url(uri, self.allow_hosts)

    def load(self, uri: str) -> str | None:
        """Make ``uri`` available (fetching an allow-listed one once); why not, if it cannot be."""
        uri = normalise(uri)
        if is_shipped(uri) or uri in self.fetched:
            return None
        if uri not in self.failed:
            try:
                data = json.loads(self.fetch_text(uri))
            except (OSError, ValueError, http.client.HTTPException) as exc:
                self.failed[uri] = f"cannot fetch {uri}: {exc}"
            else:
                if isinstance(data, (dict, bool)):
                    self.fetched[uri] = data
                else:
                    self.failed[uri] = f"{uri} is not a JSON Schema"
        return self.failed.get(uri)

    def resources(self) -> list[tuple[str, Any]]:
        """Every meta-schema known now, as ``(uri, contents)``."""
        return sorted({**shipped(), **self.fetched}.items())

    def is_valid(self, schema: Any) -> bool | None:
        """Whether ``schema`` meets its dialect's meta-schema, by jsonschema-rs; ``None`` when
        jsonschema-rs is missing or cannot tell (the precise check then decides)."""
        try:
            import jsonschema_rs
        except ImportError:  # pragma: no cover - jsonschema-rs is a dependency
            return None
        try:
            return jsonschema_rs.meta.is_valid(schema, registry=self._rs_registry())
        except (jsonschema_rs.ReferencingError, ValueError):
            return None

    def error(self, schema: Any, dialect: str) -> Any | None:
        """The most telling meta-schema error of ``schema`` (a jsonschema error), or ``None``."""
        from jsonschema.exceptions import best_match
        from jsonschema.validators import validator_for
        from referencing.exceptions import Unresolvable

        meta = self.fetched.get(normalise(dialect), shipped().get(normalise(dialect)))
        if meta is None:
            return None
        validator = validator_for(meta)(meta, registry=self._py_registry())
        try:
            return best_match(validator.iter_errors(schema))
        except (Unresolvable, RecursionError, ValueError, TypeError):
            return None

    def _rs_registry(self) -> Any:
        return _rs_registry(tuple(sorted(self.fetched)), self)

    def _py_registry(self) -> Any:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        return Registry().with_resources(
            (uri, Resource.from_contents(contents, default_specification=DRAFT202012))
            for uri, contents in self.resources())


def _rs_registry(key: tuple[str, ...], dialects: Dialects) -> Any:
    """A jsonschema-rs registry of every known meta-schema (cached for the shipped-only case)."""
    if not key:
        return _shipped_rs_registry()
    import jsonschema_rs

    return jsonschema_rs.Registry(dialects.resources())


@functools.cache
def _shipped_rs_registry() -> Any:
    import jsonschema_rs

    # the drafts are built into jsonschema-rs; the OAS files are what it would fetch
    oas = [(uri, c) for uri, c in shipped().items() if uri.startswith("https://spec.openapis.org/")]
    return jsonschema_rs.Registry(oas)
