"""Helpers for roadmap tests: PRD files from a few facts, a stand-in kind for other entities."""

from __future__ import annotations

from pathlib import Path

import yaml

from specsite.core.config import SpecsiteConfig
from specsite.core.entities import Entity
from specsite.core.graph import SpecGraph
from specsite.core.html_table import put_back
from specsite.core.kind import ReadResult, SiteContext
from specsite.core.pipeline import SpecSet, load_specs
from specsite.core.project import Project


class EntitiesKind:
    """Stands in for kinds the roadmap reads from the graph (C4 elements, debt items)."""

    name = "entities"

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities

    def read(self, project: Project, config: SpecsiteConfig) -> ReadResult:
        return ReadResult([Entity(**vars(e)) for e in self.entities])

    def check(self, graph: SpecGraph, result: ReadResult, config: SpecsiteConfig) -> list:
        return []

    def pages(self, graph: SpecGraph, result: ReadResult, site: SiteContext) -> list:
        return []


def prd(number: int, release: str | None = "2027-Q1", status: str = "draft", **fields) -> str:
    """A PRD file: front matter from the facts given (YAML, keys in this order), a short body."""
    data: dict = {"id": f"PRD-{number:04d}", "title": fields.pop("title", f"Product {number}"),
                  "status": status, "owner": fields.pop("owner", "jane.doe")}
    if release is not None:
        data["release"] = release
    data.update(fields)
    data.setdefault("requirements", [{"id": "R1", "text": "Do the thing.", "priority": "must"}])
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n# T\n\nProse.\n"


def load(root: Path, files: dict[str, str], **options) -> SpecSet:
    """Write PRD files (name -> text) under ``root/prds`` and run the pipeline."""
    for name, text in files.items():
        path = root / "prds" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "prds").mkdir(exist_ok=True)
    return load_specs(Project(root), SpecsiteConfig(prds=["prds"], **options), None)


def road(specs: SpecSet, code: str | None = None) -> list:
    """The ROAD findings (of one code when given)."""
    return [f for f in specs.findings if f.code.startswith("ROAD") and (code is None or f.code == code)]


def roadmap_page(specs: SpecSet, site: SiteContext | None = None) -> str:
    """The Markdown of requirements/roadmap.md, with its HTML blocks (the table) in place."""
    return next(put_back(p.markdown, p.html) for p in specs.pages(site or SiteContext())
                if p.path == "requirements/roadmap.md")
