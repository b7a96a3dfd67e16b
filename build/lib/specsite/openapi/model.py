"""The read model of an API: its bundle of documents and its operations, version-aware.

Swagger 2.0 and OpenAPI 3.x name the same things differently (``definitions`` or
``components.schemas``, ``securityDefinitions`` or ``components.securitySchemes``); the
accessors here hide that from the checks and the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .refs import Bundle

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
METHODS_32 = METHODS + ("query",)


@dataclass
class Operation:
    """One operation, where it is stated (document and pointer) and its resolved path item."""

    path: str
    method: str
    node: dict
    uri: str
    pointer: tuple
    path_item: dict
    path_item_uri: str
    path_item_pointer: tuple
    #: the webhook's name for an operation of ``webhooks`` (OpenAPI 3.1+); its ``path`` is empty
    webhook: str | None = None

    @property
    def label(self) -> str:
        """How messages and pages name it: ``GET /pets`` or ``POST webhook newPet``."""
        if self.webhook is not None:
            return f"{self.method.upper()} webhook {self.webhook}"
        return f"{self.method.upper()} {self.path}"

    @property
    def operation_id(self) -> str | None:
        value = self.node.get("operationId")
        return value if isinstance(value, str) and value else None

    @property
    def tags(self) -> list[str]:
        tags = self.node.get("tags")
        return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


@dataclass
class Api:
    """One API description: its name (file stem), version and everything read from it."""

    name: str
    version: str
    bundle: Bundle
    operations: list[Operation] = field(default_factory=list)
    #: operationId -> line of the operation (filled when entities are built)
    lines: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    @property
    def data(self) -> dict:
        return self.bundle.root.data

    @property
    def uri(self) -> str:
        return self.bundle.root.uri

    @property
    def rel(self) -> str:
        return self.bundle.root.rel

    @property
    def id(self) -> str:
        return f"api:{self.name}"

    def schemas_pointer(self) -> tuple:
        return ("definitions",) if self.version == "2.0" else ("components", "schemas")

    def schemas(self) -> dict:
        node = self.data
        for part in self.schemas_pointer():
            node = node.get(part) if isinstance(node, dict) else None
        return node if isinstance(node, dict) else {}

    def security_schemes(self) -> dict:
        if self.version == "2.0":
            node = self.data.get("securityDefinitions")
        else:
            components = self.data.get("components")
            node = components.get("securitySchemes") if isinstance(components, dict) else None
        if not isinstance(node, dict):
            return {}
        return {name: self.bundle.resolve(value, self.uri)[0] for name, value in node.items()}

    def declared_tags(self) -> list[str]:
        tags = self.data.get("tags")
        if not isinstance(tags, list):
            return []
        return [t["name"] for t in tags if isinstance(t, dict) and isinstance(t.get("name"), str)]


def iter_operations(api: Api) -> Iterator[Operation]:
    """Every operation of ``paths``, then of ``webhooks`` (3.1+), path items through ``$ref``
    followed, in document order."""
    sections = [("paths", api.data.get("paths"))]
    if api.version in ("3.1", "3.2"):
        sections.append(("webhooks", api.data.get("webhooks")))
    methods = METHODS_32 if api.version == "3.2" else METHODS
    for section, items in sections:
        if not isinstance(items, dict):
            continue
        for key, item in items.items():
            if not isinstance(item, dict) or key.startswith("x-"):
                continue
            node, uri, pointer = api.bundle.resolve(item, api.uri, (section, key))
            if not isinstance(node, dict):
                continue
            path, webhook = ("", key) if section == "webhooks" else (key, None)
            for method in methods:
                op = node.get(method)
                if isinstance(op, dict):
                    yield Operation(path, method, op, uri, pointer + (method,), node, uri, pointer, webhook)
            extra = node.get("additionalOperations") if api.version == "3.2" else None
            if isinstance(extra, dict):
                for method, op in extra.items():
                    if isinstance(op, dict):
                        yield Operation(path, method.lower(), op, uri,
                                        pointer + ("additionalOperations", method), node, uri, pointer,
                                        webhook)


def parameters_of(api: Api, op: Operation) -> list[tuple[dict, str, tuple]]:
    """Path-item and operation parameters (resolved), operation ones overriding by (name, in)."""
    merged: dict[tuple, tuple[dict, str, tuple]] = {}
    for params, uri, base in ((op.path_item.get("parameters"), op.path_item_uri,
                               op.path_item_pointer + ("parameters",)),
                              (op.node.get("parameters"), op.uri, op.pointer + ("parameters",))):
        if not isinstance(params, list):
            continue
        for index, raw in enumerate(params):
            node, at_uri, at = api.bundle.resolve(raw, uri, base + (index,))
            if isinstance(node, dict):
                merged[(node.get("name"), node.get("in"))] = (node, at_uri, at)
    return list(merged.values())


def success_codes(responses: Any) -> list[str]:
    """The 2xx and 3xx response codes of a responses object."""
    if not isinstance(responses, dict):
        return []
    return [str(c) for c in responses if str(c)[:1] in ("2", "3")]
