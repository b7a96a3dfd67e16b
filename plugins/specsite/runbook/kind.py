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
from ..core.front_matter_specs import first_of_each_id, read_folders
from ..core.sources import configured_paths
from . import checks, pages
from .entities import runbook_entity
from .reader import RunbookDocument, read_runbook


@dataclass
class RunbookModel:
    """The runbook files as read, in folder and file-name order."""

    documents: list[RunbookDocument] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)

    def unique(self) -> list[RunbookDocument]:
        """The first document of each runbook ID, by number: what the site shows."""
        return first_of_each_id(self.documents)


def runbook_folders(project: Project, config: SpecsiteConfig, findings: list[Finding]) -> list[Path]:
    """The configured runbook folders, confined to the project; problems become findings."""
    return configured_paths(project, config.runbooks, "runbook folder", findings, "dir")


def read_documents(project: Project, folders: list[Path],
                   findings: list[Finding]) -> list[RunbookDocument]:
    """Every runbook file under ``folders`` (hidden files and folders skipped), sorted by path."""
    return read_folders(project, folders, findings, read_runbook)


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
