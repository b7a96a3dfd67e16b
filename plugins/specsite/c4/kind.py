"""C4 models (Structurizr DSL workspaces) as a spec kind: read, check, render pages."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.config import SpecsiteConfig
from ..core.entities import Entity, Link
from ..core.findings import Finding
from ..core.graph import SpecGraph
from ..core.kind import GeneratedPage, ReadResult, SiteContext
from ..core.project import Project
from ..core.sources import configured_paths
from . import model as m
from .checks import check_references, check_workspace
from .pages import Site, render_pages
from .docs import WorkspaceDocs, read_docs
from .parser import parse_workspace
from .rules import INVALID_JSON_WORKSPACE, MISSING_FILE, SYNTAX


_ASSETS = Path(__file__).parent / "assets"
#: the zoom-and-pan script and the diagram styles, by the docs-tree path they are served at
SITE_ASSETS = {
    "assets/specsite/c4-diagrams.js": str(_ASSETS / "c4-diagrams.js"),
    "assets/specsite/c4-diagrams.css": str(_ASSETS / "c4-diagrams.css"),
}
#: rules whose finding means the model lacks what the files define: references are not checked
_INCOMPLETE = (SYNTAX.code, MISSING_FILE.code, INVALID_JSON_WORKSPACE.code)

#: element properties that name the element's OpenAPI description (a path)
_OPENAPI_KEYS = ("openapi", "structurizr.openapi", "api.openapi")


@dataclass
class C4Model:
    """Every configured workspace, parsed; ``export()`` is the ``"c4"`` section of the export."""

    workspaces: list[m.Workspace] = field(default_factory=list)
    docs: WorkspaceDocs = field(default_factory=WorkspaceDocs)

    def export(self) -> dict[str, Any]:
        merged: dict[str, list] = {"elements": [], "relationships": [], "views": []}
        site = Site.of(self.workspaces)
        for ws in self.workspaces:
            part = ws.export()
            # what `specsite diff` needs beyond the workspace's own export: places, tags, pages
            for r, data in zip(ws.relationships, part["relationships"]):
                data.update(tags=list(r.tags), linked=r.linked is not None, file=r.place.file,
                            line=r.place.line)
            for view, data in zip(ws.views, part["views"]):
                data.update(title=view.title, file=view.place.file, line=view.place.line,
                            page=site.view_page(ws, view))
                if view.positions:
                    # only views with a stored layout carry these, so other exports are unchanged
                    data["positions"] = {k: list(v) for k, v in view.positions.items()}
                    data["vertices"] = {k: [list(p) for p in v] for k, v in view.vertices.items()}
            for key in merged:
                merged[key].extend(part[key])
        return merged

    def adr_folders(self) -> list[str]:
        """Project-relative folders named by ``!adrs``: their decisions join the ADR set."""
        return sorted({folder for ws in self.workspaces for folder, _ in ws.adr_folders})

    def docs_folders(self) -> list[str]:
        """Project-relative folders named by ``!docs``."""
        return sorted({folder for ws in self.workspaces for folder, _ in ws.docs_folders})


def read_workspaces(project: Project, paths: list[str], findings: list[Finding]) -> C4Model:
    """Parse each workspace file (confined to the project); problems become findings."""
    model = C4Model()
    for path in configured_paths(project, paths, "C4 workspace", findings, "file"):
        model.workspaces.append(parse_workspace(project, path, findings))
    return model


def entities(model: C4Model) -> list[Entity]:
    """One entity per element: ``c4:<identifier>``, with its relationships as ``uses`` links."""
    site = Site.of(model.workspaces)
    out = []
    for ws in model.workspaces:
        for e in ws.elements:
            links = [Link("uses", f"c4:{r.destination.id}", r.place.file, r.place.line, r.place.column,
                          r.description or None)
                     for r in ws.touching(e) if r.source is e and not r.implied and r.linked is None]
            page, anchor = site.element_location(ws, e)
            attrs: dict[str, Any] = {
                "type": e.type, "description": e.description, "technology": e.technology,
                "tags": list(e.tags), "properties": dict(e.properties), "workspace": ws.file,
            }
            if e.url:
                attrs["url"] = e.url
            openapi = next((v for k, v in e.properties.items() if k.lower() in _OPENAPI_KEYS), None)
            if openapi:
                # resolved against the file that declares the element, as !include paths are
                folder = posixpath.dirname(e.place.file)
                attrs["openapi"] = posixpath.normpath(posixpath.join(folder, openapi))
            if e.instance_of is not None:
                attrs["instance_of"] = f"c4:{e.instance_of.id}"
            if e.environment:
                attrs["environment"] = e.environment
            out.append(Entity(
                id=f"c4:{e.id}", kind="c4", title=e.name, file=e.place.file, line=e.place.line,
                links=links, attrs=attrs, page=page, anchor=anchor,
                parent=f"c4:{e.parent.id}" if e.parent is not None else None))
    return out


class C4Kind:
    """The C4 spec kind."""

    name = "c4"

    def read(self, project: Project, config: SpecsiteConfig) -> ReadResult:
        findings: list[Finding] = []
        model = read_workspaces(project, config.c4, findings)
        model.docs = read_docs(project, model.workspaces, Site.of(model.workspaces).folders, findings)
        sources = sorted({str(project.absolute(s)) for ws in model.workspaces for s in ws.sources}
                         | {str(project.absolute(f)) for f in model.docs_folders()})
        assets = dict(SITE_ASSETS) if model.workspaces else {}
        assets.update(model.docs.assets)
        contributes = {"adrs": model.adr_folders()} if model.adr_folders() else {}
        found = entities(model) + [page.entity for page in model.docs.pages]
        broken = sorted((f.file or "", f.line or 0) for f in findings if f.code in _INCOMPLETE)
        unparsed = {"c4:": (broken[0][0], broken[0][1] or None)} if broken else {}
        return ReadResult(found, findings, sources, model, assets, contributes, unparsed)

    def check(self, graph: SpecGraph, result: ReadResult, config: SpecsiteConfig) -> list[Finding]:
        model = result.model if isinstance(result.model, C4Model) else C4Model()
        out: list[Finding] = []
        for ws in model.workspaces:
            out.extend(check_workspace(ws))
        if config.c4 and not result.unparsed:
            out.extend(check_references(graph))
        return out

    def pages(self, graph: SpecGraph, result: ReadResult, site: SiteContext) -> list[GeneratedPage]:
        model = result.model if isinstance(result.model, C4Model) else C4Model()
        if not any(ws.elements or ws.views for ws in model.workspaces):
            return []  # a section exists only when it has content
        return render_pages(model.workspaces, graph, site, model.docs)


C4_KIND = C4Kind()
