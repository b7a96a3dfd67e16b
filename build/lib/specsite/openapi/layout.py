"""Where an API's operations and schemas are shown: page paths and anchors.

Entities (``page`` + ``anchor``) and the page renderer both ask this module, so a link to an
operation always lands where the operation is. A tag with many operations is split over
several pages (``core-v1.md``, ``core-v1.2.md``...): the search plugin's cost grows badly with
the size of a page. Slugs never contain dots, so a part never takes another tag's page.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..core import markdown
from .model import Api, Operation

PAGE_DIR = "api"
#: operations per tag page, schemas per schema page
OPERATIONS_PER_PAGE = 60
SCHEMAS_PER_PAGE = 120


def slug(text: str) -> str:
    """A lowercase, URL-safe form of a tag or name (``Pet Store`` -> ``pet-store``)."""
    return markdown.slug(text, "default")


def anchor_id(text: str) -> str:
    """An HTML id for an operationId or schema name (case kept, unsafe characters dashed)."""
    return re.sub(r"[^A-Za-z0-9_.\-]+", "-", text).strip("-") or "x"


def api_base(name: str) -> str:
    return f"{PAGE_DIR}/{name}"


def operation_anchor(op: Operation) -> str:
    """``op-<operationId>``, or ``op-<method>-<path>`` for an operation without one."""
    if op.operation_id:
        return f"op-{anchor_id(op.operation_id)}"
    if op.webhook is not None:
        return f"op-{op.method}-webhook-{anchor_id(op.webhook)}"
    return f"op-{op.method}-{anchor_id(op.path.strip('/').replace('/', '-') or 'root')}"


def tag_of(op: Operation) -> str | None:
    """The tag whose page shows an operation: its first tag (``None``: the ``default`` page)."""
    return op.tags[0] if op.tags else None


_RESERVED = frozenset(("index", "schemas"))


def tag_slugs(api: Api) -> dict[str | None, str]:
    """A distinct page stem per tag (``None``: operations without tag), stable across runs."""
    tags = sorted({tag_of(op) for op in api.operations}, key=lambda t: (t is None, t or ""))
    taken = set(_RESERVED)
    out = {}
    for tag in tags:
        stem = slug(tag) if tag else "default"
        if stem in _RESERVED:
            stem = f"tag-{stem}"
        candidate, n = stem, 2
        while candidate in taken:
            candidate, n = f"{stem}-{n}", n + 1
        taken.add(candidate)
        out[tag] = candidate
    return out


def operation_pages(api: Api) -> dict[int, str]:
    """``id(operation) -> page`` for every operation of the API."""
    by_tag: dict[str | None, list[Operation]] = defaultdict(list)
    for op in api.operations:
        by_tag[tag_of(op)].append(op)
    stems = tag_slugs(api)
    pages = {}
    for tag, ops in by_tag.items():
        base = f"{api_base(api.name)}/{stems[tag]}"
        for i, op in enumerate(ops):
            pages[id(op)] = _part(base, i // OPERATIONS_PER_PAGE)
    return pages


def schema_pages(api: Api) -> dict[str, str]:
    """``schema name -> page`` for the component schemas of the API."""
    base = f"{api_base(api.name)}/schemas"
    return {name: _part(base, i // SCHEMAS_PER_PAGE) for i, name in enumerate(api.schemas())}


def _part(base: str, index: int) -> str:
    return f"{base}.md" if index == 0 else f"{base}.{index + 1}.md"
