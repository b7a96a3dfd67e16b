"""The technical-debt register as a spec kind: read the configured folders, check, render."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.config import SpecsiteConfig
from ..core.entities import Entity
from ..core.findings import Finding
from ..core.graph import SpecGraph
from ..core.kind import GeneratedPage, ReadResult, SiteContext
from ..core.project import Project
from ..core.front_matter_specs import first_of_each_id, read_folders
from ..core.sources import configured_paths
from . import checks, pages
from .entities import document_entity
from .reader import DebtDocument, read_debt
from .register import register


@dataclass
class DebtModel:
    """The debt files as read, in folder and file-name order."""

    documents: list[DebtDocument] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)

    def unique(self) -> list[DebtDocument]:
        """The first document of each debt ID, by number: what the site shows."""
        return first_of_each_id(self.documents)

    def export(self) -> dict[str, Any]:
        """The ``debt`` section of ``specsite export``: the register in rank order."""
        return {"register": [
            {"id": e.doc.id, "rank": e.rank, "monthly_share": e.share, "unranked": e.reason}
            for e in register(self.unique())]}


def debt_folders(project: Project, config: SpecsiteConfig, findings: list[Finding]) -> list[Path]:
    """The configured debt folders, confined to the project; problems become findings."""
    return configured_paths(project, list(getattr(config, "debt", [])), "debt folder", findings,
                            "dir")


def read_documents(project: Project, folders: list[Path],
                   findings: list[Finding]) -> list[DebtDocument]:
    """Every debt file under ``folders`` (hidden files and folders skipped), sorted by path."""
    return read_folders(project, folders, findings, read_debt)


class DebtKind:
    """The technical-debt kind."""

    name = "debt"

    def read(self, project: Project, config: SpecsiteConfig) -> ReadResult:
        findings: list[Finding] = []
        model = DebtModel(folders=debt_folders(project, config, findings))
        model.documents = read_documents(project, model.folders, findings)
        entities: list[Entity] = []
        for doc in model.documents:
            entity = document_entity(doc)
            if entity is not None:
                entities.append(entity)
        return ReadResult(entities, findings, [str(f) for f in model.folders], model)

    def check(self, graph: SpecGraph, result: ReadResult, config: SpecsiteConfig) -> list[Finding]:
        if not isinstance(result.model, DebtModel):
            return []
        return checks.check_all(result.model, graph)

    def pages(self, graph: SpecGraph, result: ReadResult, site: SiteContext) -> list[GeneratedPage]:
        if not isinstance(result.model, DebtModel) or not result.model.documents:
            return []  # a section exists only when it has content
        return pages.render_all(result.model, graph, site)


DEBT_KIND = DebtKind()
