"""One side of a diff: the spec graph, the kind sections and the findings of one revision.

Both ways of getting a side end in the same shape: a live run of the pipeline is turned into its
``specsite export`` document, and a saved export is read as it is; so comparing two revisions
and comparing two saved exports are the same comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.entities import Entity, Link
from ..core.export import export_document
from ..core.graph import SpecGraph
from ..core.pipeline import SpecSet

#: the export fields that are an entity's own; every other key is a kind-specific attribute
_CORE_FIELDS = ("id", "kind", "title", "status", "file", "line", "links", "parent", "page", "hash")


#: finding codes that mean a file could not be parsed: unreadable or empty file, malformed front
#: matter, PRD, runbook or debt front matter that fails its schema, Structurizr DSL syntax, unparseable OpenAPI
UNREADABLE_CODES = frozenset(("SPEC001", "SPEC002", "SPEC003", "PRD001", "C4001", "OAS001",
                              "DEBT001", "RB001"))


class SnapshotError(ValueError):
    """A saved export that is not an export document (``specsite diff`` exits with 2)."""


@dataclass
class Snapshot:
    """One side: its label (``base``/``head``), graph, kind sections and findings."""

    label: str
    graph: SpecGraph
    sections: dict[str, Any] = field(default_factory=dict)
    findings: list[dict[str, Any]] = field(default_factory=list)
    #: what the side is (``revision abc1234``, ``working tree``, ``export base.json``)
    source: str = ""
    _unreadable: dict[str, dict[str, Any]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_specs(cls, specs: SpecSet, label: str, source: str = "") -> "Snapshot":
        """The side a pipeline run produced."""
        return cls.from_export(export_document(specs), label, source)

    @classmethod
    def from_export(cls, doc: Any, label: str, source: str = "") -> "Snapshot":
        """The side a ``specsite export`` document describes; :class:`SnapshotError` if it is
        not one."""
        if not isinstance(doc, dict) or not isinstance(doc.get("entities"), list):
            raise SnapshotError("not a specsite export document (no 'entities' list)")
        if doc.get("version") != 1:
            raise SnapshotError(f"unsupported export version {doc.get('version')!r} (expected 1)")
        graph = SpecGraph()
        for index, data in enumerate(doc["entities"]):
            graph.add(_entity(data, index))
        findings = [f for f in doc.get("findings") or [] if isinstance(f, dict)]
        sections = {k: v for k, v in doc.items()
                    if k not in ("version", "entities", "findings") and isinstance(v, dict)}
        return cls(label, graph, sections, findings, source)

    def section(self, kind: str, key: str) -> list[Any]:
        """A list from a kind's export section (``c4``/``relationships``...), empty if absent."""
        value = (self.sections.get(kind) or {}).get(key)
        return value if isinstance(value, list) else []

    def unreadable(self) -> dict[str, dict[str, Any]]:
        """Files that could not be parsed on this side, each with its first such finding: what
        they define there is missing or salvaged, not removed or emptied."""
        if self._unreadable is None:
            self._unreadable = self._find_unreadable()
        return self._unreadable

    def _find_unreadable(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for f in sorted(self.findings, key=lambda f: (str(f.get("file")), f.get("line") or 0)):
            if f.get("code") in UNREADABLE_CODES and f.get("file"):
                out.setdefault(str(f["file"]), f)
        return out


def _entity(data: Any, index: int) -> Entity:
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise SnapshotError(f"entities[{index}] is not an entity (no string 'id')")
    links = []
    for link in data.get("links") or []:
        if isinstance(link, dict) and isinstance(link.get("target"), str):
            links.append(Link(str(link.get("rel", "")), link["target"]))
    page, anchor = data.get("page"), None
    if isinstance(page, str) and "#" in page:
        page, anchor = page.split("#", 1)
    line = data.get("line")
    return Entity(
        id=data["id"], kind=str(data.get("kind", "")), title=str(data.get("title") or ""),
        status=data.get("status"), file=data.get("file"),
        line=line if isinstance(line, int) else None, links=links,
        attrs={k: v for k, v in data.items() if k not in _CORE_FIELDS},
        page=page if isinstance(page, str) else None, anchor=anchor,
        parent=data.get("parent"), content_hash=data.get("hash"))
