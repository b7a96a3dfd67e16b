"""The roadmap as a view in the pipeline: after every kind has read and checked its files, it
builds the plan from the PRD kind's documents and the graph, checks it and renders its page."""

from __future__ import annotations

import re

from ..core.config import SpecsiteConfig
from ..core.findings import Finding
from ..core.graph import SpecGraph
from ..core.kind import GeneratedPage, ReadResult, SiteContext
from ..core.project import Project, RefusedPathError
from ..prd.kind import PrdModel
from . import checks, page
from .plan import Roadmap, build

_CURRENT_KEY = re.compile(r"^\s+current\s*:")


def roadmap_of(graph: SpecGraph, results: dict[str, ReadResult], config: SpecsiteConfig
               ) -> Roadmap | None:
    """The roadmap of the PRDs read, or None when the PRD kind read no PRD."""
    result = results.get("prd")
    model = result.model if result is not None else None
    if not isinstance(model, PrdModel) or not model.documents:
        return None
    return build(model.unique(), graph, config.roadmap)


class RoadmapView:
    """The roadmap view: ROAD rules and the page ``requirements/roadmap.md`` (with the further
    pages of its table, ``requirements/roadmap/2.md``...)."""

    name = "roadmap"

    def check(self, project: Project, graph: SpecGraph, results: dict[str, ReadResult],
              config: SpecsiteConfig) -> list[Finding]:
        roadmap = roadmap_of(graph, results, config)
        if roadmap is None:
            return []
        findings = checks.check_all(roadmap, graph, project.config_file)
        line = _option_line(project) if roadmap.unknown_current else None
        return [f if f.code != "ROAD005" or line is None else
                Finding(f.code, f.severity, f.message, f.file, line, f.column, f.entity)
                for f in findings]

    def pages(self, graph: SpecGraph, results: dict[str, ReadResult], config: SpecsiteConfig,
              site: SiteContext) -> list[GeneratedPage]:
        roadmap = roadmap_of(graph, results, config)
        return [] if roadmap is None else page.render(roadmap, graph, site)


def _option_line(project: Project) -> int | None:
    """The line of ``current:`` in the configuration file, for ROAD005 (None when not found)."""
    try:
        text = project.read_bytes(project.root / project.config_file).decode("utf-8", "replace")
    except (OSError, RefusedPathError, ValueError):
        return None
    for number, line in enumerate(text.splitlines(), 1):
        if _CURRENT_KEY.match(line):
            return number
    return None


ROADMAP_VIEW = RoadmapView()
