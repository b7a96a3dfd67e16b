"""Runbooks as a spec kind: read the configured folders, check them, render their pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.config import SpecsiteConfig
from ..core.entities import Entity
from ..core.findings import Finding
from ..core.graph import SpecGraph
from ..core.kind import GeneratedPage, ReadResult, SiteContext
from ..core.project import Project
from ..core.sources import configured_paths, spec_files
from . import checks, pages
from .entities import runbook_entity
from .reader import RunbookDocument, is_runbook_file, read_runbook


@dataclass
class RunbookModel:
    """The runbook files as read, in folder and file-name order."""

    documents: list[RunbookDocument] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)

    def unique(self) -> list[RunbookDocument]:
        """The first document of each runbook ID, by number: what the site shows."""
        seen: dict[str, RunbookDocument] = {}
        for doc in self.documents:
            if doc.id:
                seen.setdefault(doc.id, doc)
        return sorted(seen.values(), key=lambda d: (d.number or 0, d.id or ""))


def runbook_folders(project: Project, config: SpecsiteConfig, findings: list[Finding]) -> list[Path]:
    """The configured runbook folders, confined to the project; problems become findings."""
    return configured_paths(project, config.runbooks, "runbook folder", findings, "dir")


def read_documents(project: Project, folders: list[Path],
                   findings: list[Finding]) -> list[RunbookDocument]:
    """Every runbook file under ``folders`` (hidden files and folders skipped), sorted by path."""
    documents = []
    for folder in folders:
        for path in spec_files(project, folder, findings):
            if is_runbook_file(path):
                doc = read_runbook(project, path, findings)
                if doc is not None:
                    documents.append(doc)
    return documents


class RunbookKind:
    """The runbook spec kind."""

    name = "runbook"

    def read(self, project: Project, config: SpecsiteConfig) -> ReadResult:
        findings: list[Finding] = []
        model = RunbookModel(folders=runbook_folders(project, config, findings))
        model.documents = read_documents(project, model.folders, findings)
        entities: list[Entity] = [e for e in map(runbook_entity, model.documents) if e is not None]
        return ReadResult(entities, findings, [str(f) for f in model.folders], model)

    def check(self, graph: SpecGraph, result: ReadResult, config: SpecsiteConfig) -> list[Finding]:
        model = result.model if isinstance(result.model, RunbookModel) else RunbookModel()
        return checks.check_all(model, graph, config)

    def pages(self, graph: SpecGraph, result: ReadResult, site: SiteContext) -> list[GeneratedPage]:
        if not isinstance(result.model, RunbookModel) or not result.model.documents:
            return []  # a section exists only when it has content (an empty index is noise)
        return pages.render_all(result.model, graph, site)


RUNBOOK_KIND = RunbookKind()
