"""Entities (anything with an ID: a decision, a requirement, an element, an operation, a page)
and the typed links between them.

ID scheme, shared by every kind and by the ``[[ID]]`` reference syntax:

=============  ==================================  ============================
kind           ID                                  example
=============  ==================================  ============================
adr            ``ADR-NNNN`` or ``ADR-<file stem>``  ``ADR-0007``
prd            ``PRD-NNNN``                        ``PRD-0007``
requirement    ``<PRD id>.<requirement id>``       ``PRD-0007.R1``
c4 element     ``c4:<identifier>``                 ``c4:webshop.checkoutService``
api            ``api:<api name>``                  ``api:payments``
operation      ``api:<api name>#<operationId>``    ``api:payments#createPayment``
page           ``page:<path in docs_dir>``          ``page:guide/index.md``
runbook        ``RB-NNNN``                         ``RB-0001``
=============  ==================================  ============================
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Link:
    """A typed, directed link stated in ``file`` at ``line`` (``rel`` e.g. ``supersedes``)."""

    rel: str
    target: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    text: str | None = None


@dataclass
class Entity:
    """One addressable thing in the spec graph."""

    id: str
    kind: str
    title: str
    status: str | None = None
    file: str | None = None
    line: int | None = None
    links: list[Link] = field(default_factory=list)
    #: kind-specific values exported as they are (dates as ISO strings, lists of names...)
    attrs: dict[str, Any] = field(default_factory=dict)
    #: the generated page (a path in the site's docs tree) and the anchor on it, if any
    page: str | None = None
    anchor: str | None = None
    parent: str | None = None
    #: hash of the source content: unchanged hash, unchanged entity (caching, PR diffs)
    content_hash: str | None = None
    #: the Markdown body, when the entity has prose
    body: str | None = None
    body_line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of an entity (see docs/reference/export-schema.md)."""
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "status": self.status,
            "file": self.file,
            "line": self.line,
            "links": [{"rel": l.rel, "target": l.target} for l in self.links],
        }
        if self.parent:
            data["parent"] = self.parent
        if self.page:
            data["page"] = self.page + (f"#{self.anchor}" if self.anchor else "")
        if self.content_hash:
            data["hash"] = self.content_hash
        for key in sorted(self.attrs):
            data.setdefault(key, self.attrs[key])
        return data


def content_hash(text: str) -> str:
    """A short, stable hash of source text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
