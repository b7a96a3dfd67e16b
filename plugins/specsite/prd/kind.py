"""PRDs as a spec kind: read the configured folders, check them, render their pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.config import SpecsiteConfig
from ..core.entities import Entity
from ..core.file_memo import parsed
from ..core.findings import Finding
from ..core.graph import SpecGraph
from ..core.kind import GeneratedPage, PageUnit, ReadResult, SiteContext, render_units
from ..core.project import Project
from ..core.sources import configured_paths, spec_files
from . import checks, pages
from .entities import document_entities
from .personas import PersonaResolver
from .reader import PrdDocument, is_prd_file, read_prd, resolve_personas


@dataclass
class PrdModel:
    """The PRD files as read, in folder and file-name order."""

    documents: list[PrdDocument] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    #: what the backlog ranks by (the ``prioritise.score`` option): rice, ice or moscow
    score: str = "rice"
    #: each document's entities (the PRD and its requirements), by file
    entities: dict[str, list[Entity]] = field(default_factory=dict)

    def unique(self) -> list[PrdDocument]:
        """The first document of each PRD ID, by number: what the site shows."""
        seen: dict[str, PrdDocument] = {}
        for doc in self.documents:
            if doc.id:
                seen.setdefault(doc.id, doc)
        return sorted(seen.values(), key=lambda d: (d.number or 0, d.id or ""))


def prd_folders(project: Project, config: SpecsiteConfig, findings: list[Finding]) -> list[Path]:
    """The configured PRD folders, confined to the project; problems become findings."""
    return configured_paths(project, config.prds, "PRD folder", findings, "dir")


def read_documents(project: Project, folders: list[Path], findings: list[Finding]) -> list[PrdDocument]:
    """Every PRD file under ``folders`` (hidden files and folders skipped), sorted by path (for
    ``new prd``'s numbering: personas resolve against no configured names)."""
    return [doc for doc, _ in _read_all(project, folders, findings, PersonaResolver(SpecsiteConfig()))]


def _read_all(project: Project, folders: list[Path], findings: list[Finding],
              resolver: PersonaResolver) -> list[tuple[PrdDocument, list[Entity]]]:
    """Every PRD file under ``folders`` with its entities (kept with the parse: under ``mkdocs
    serve`` an unchanged file costs neither). Entities depend on the ``personas`` option too, so
    it is part of the memo's key."""
    reader = "prd:" + "|".join(sorted(resolver.names))
    read = []
    for folder in folders:
        for path in spec_files(project, folder, findings):
            if not is_prd_file(path):
                continue
            pair = parsed(reader, path, findings,
                          lambda found, p=path: _read(project, p, found, resolver))
            if pair is not None:
                read.append(pair)
    return read


def _read(project: Project, path: Path, findings: list[Finding],
          resolver: PersonaResolver) -> tuple[PrdDocument, list[Entity]] | None:
    doc = read_prd(project, path, findings)
    if doc is None:
        return None
    resolve_personas(doc, resolver)
    return doc, document_entities(doc)


class PrdKind:
    """The PRD spec kind."""

    name = "prd"

    def read(self, project: Project, config: SpecsiteConfig) -> ReadResult:
        findings: list[Finding] = []
        model = PrdModel(folders=prd_folders(project, config, findings),
                         score=config.prioritise.score)
        entities: list[Entity] = []
        for doc, own in _read_all(project, model.folders, findings, PersonaResolver(config)):
            model.documents.append(doc)
            model.entities[doc.file] = own
            entities.extend(own)
        return ReadResult(entities, findings, [str(f) for f in model.folders], model)

    def check(self, graph: SpecGraph, result: ReadResult, config: SpecsiteConfig) -> list[Finding]:
        return checks.check_all(result.model, graph, config)  # type: ignore[arg-type]

    def pages(self, graph: SpecGraph, result: ReadResult, site: SiteContext) -> list[GeneratedPage]:
        return render_units(self.page_units(graph, result, site), graph)

    def page_units(self, graph: SpecGraph, result: ReadResult, site: SiteContext) -> list[PageUnit]:
        """The overview pages as one unit, each PRD's page as another (:func:`.pages.units`)."""
        if not isinstance(result.model, PrdModel) or not result.model.documents:
            return []  # a section exists only when it has content (an empty index is noise)
        return pages.units(result.model, site)


PRD_KIND = PrdKind()
