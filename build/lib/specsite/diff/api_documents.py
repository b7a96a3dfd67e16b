"""An API's documents as the diff sees them: parsed data by project-relative path, with ``$ref``
resolution across files, and its operations keyed the way clients call them.

Built from the ``"openapi"`` section of an export, so a saved export and a live run are diffed the
same way.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any, Iterator

from ..openapi.model import METHODS, METHODS_32
from ..openapi.refs import lookup, parse_pointer

#: ``$ref`` chains longer than this are treated as broken (documents are untrusted)
MAX_REF_CHAIN = 64
_PARAM = re.compile(r"\{[^}/]*\}")


@dataclass
class ApiDocuments:
    """One API: its name, root path, OpenAPI version and documents by path."""

    name: str
    file: str
    version: str
    documents: dict[str, Any]

    @property
    def root(self) -> Any:
        return self.documents.get(self.file)

    def resolve(self, node: Any, uri: str) -> tuple[Any, str, tuple | None]:
        """Follow ``$ref`` from ``node`` stated in ``uri``: the node where the chain ends, the
        document it is in and its ``(uri, pointer)`` key (None when ``node`` was no ``$ref``)."""
        key = None
        for _ in range(MAX_REF_CHAIN):
            if not isinstance(node, dict) or not isinstance(node.get("$ref"), str):
                return node, uri, key
            file_part, _, fragment = node["$ref"].partition("#")
            target = _join(uri, file_part) if file_part else uri
            pointer = parse_pointer(fragment)
            if target not in self.documents or pointer is None:
                return None, uri, key
            uri, key = target, (target, pointer)
            node = lookup(self.documents[target], pointer)
        return None, uri, key


def _join(base: str, file_part: str) -> str:
    if "://" in file_part[:12]:
        return file_part
    if "://" in base[:12]:
        return urllib.parse.urljoin(base, file_part)
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), urllib.parse.unquote(file_part)))


@dataclass
class ApiOperation:
    """One operation as clients call it: ``GET /pets/{}`` (path parameters unnamed)."""

    key: str
    method: str
    path: str
    node: dict
    uri: str
    path_item: dict
    path_item_uri: str

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def operation_id(self) -> str | None:
        value = self.node.get("operationId")
        return value if isinstance(value, str) and value else None


def operations(api: ApiDocuments) -> dict[str, ApiOperation]:
    """Every operation of ``paths`` (and ``webhooks``), by key; the first one wins a clash."""
    root = api.root if isinstance(api.root, dict) else {}
    methods = METHODS_32 if api.version == "3.2" else METHODS
    out: dict[str, ApiOperation] = {}
    for section in ("paths", "webhooks"):
        items = root.get(section)
        if not isinstance(items, dict):
            continue
        for path, item in items.items():
            if not isinstance(path, str) or path.startswith("x-"):
                continue
            node, uri, _ = api.resolve(item, api.file)
            if not isinstance(node, dict):
                continue
            shown = path if section == "paths" else f"webhook {path}"
            for method in methods:
                op = node.get(method)
                if isinstance(op, dict):
                    key = f"{method.upper()} {_PARAM.sub('{}', shown)}"
                    out.setdefault(key, ApiOperation(key, method, shown, op, uri, node, uri))
    return out


def iter_apis(section: Any) -> Iterator[ApiDocuments]:
    """The APIs of an export's ``"openapi"`` section (malformed entries skipped)."""
    for item in (section or {}).get("apis") or []:
        if isinstance(item, dict) and isinstance(item.get("name"), str) and \
                isinstance(item.get("documents"), dict) and isinstance(item.get("file"), str):
            yield ApiDocuments(item["name"], item["file"], str(item.get("version") or ""),
                               item["documents"])
