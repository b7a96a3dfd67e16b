"""Structurizr ``!docs`` folders as pages: each Markdown file becomes a page under the
workspace's architecture folder, linked from the element (or the model index) that owns it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.entities import Entity, Link, content_hash
from ..core.findings import Finding
from ..core.frontmatter import split
from ..core.headings import first_heading
from ..core.project import OutsideProjectError, Project
from ..core.textfile import read_text
from ..core.xref import scan
from . import model as m
from .identifiers import slug
from .rules import UNSUPPORTED

_TEXT_DOCS = (".md", ".markdown")
_OTHER_DOCS = (".adoc", ".asciidoc")


@dataclass
class DocPage:
    """One documentation file of a workspace, as a generated page."""

    path: str
    title: str
    markdown: str
    source: str
    owner: str | None
    entity: Entity


@dataclass
class WorkspaceDocs:
    """Every ``!docs`` page of the configured workspaces, and the files beside them."""

    pages: list[DocPage] = field(default_factory=list)
    #: images and other files in docs folders: docs-tree path -> source file
    assets: dict[str, str] = field(default_factory=dict)

    def owned_by(self, owner: str | None, base: str) -> list[DocPage]:
        """The pages of one element (or of the workspace itself, ``owner=None``) under ``base``."""
        return [p for p in self.pages if p.owner == owner and p.path.startswith(base + "/")]


def read_docs(project: Project, workspaces: list[m.Workspace], folders: dict[int, str],
              findings: list[Finding]) -> WorkspaceDocs:
    """Pages for the ``!docs`` folders of each workspace (``folders``: its page folder)."""
    docs = WorkspaceDocs()
    for ws in workspaces:
        for folder, owner in ws.docs_folders:
            try:
                root = project.confine(folder)
            except OutsideProjectError:
                continue  # the parser has reported it
            base = f"{folders[id(ws)]}/docs/{slug(owner) if owner else 'workspace'}"
            files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
            for path in files:
                inside = path.name if path == root else path.relative_to(root).as_posix()
                if any(part.startswith(".") for part in Path(inside).parts):
                    continue
                suffix = path.suffix.lower()
                if suffix in _TEXT_DOCS:
                    page = _page(project, path, f"{base}/{inside}", owner, findings)
                    if page is not None:
                        docs.pages.append(page)
                elif suffix in _OTHER_DOCS:
                    findings.append(UNSUPPORTED.at(
                        f"!docs {folder}: {inside} is AsciiDoc, which is not rendered; only Markdown is",
                        project.rel(path), 1))
                else:
                    docs.assets.setdefault(f"{base}/{inside}", str(path))
    return docs


def _page(project: Project, path: Path, target: str, owner: str | None,
          findings: list[Finding]) -> DocPage | None:
    rel = project.rel(path)
    text = read_text(project, path, findings)
    if text is None:
        return None
    fm = split(text, rel, findings)
    # Structurizr titles a section with its first heading, whatever its level
    heading = first_heading(fm.body.split("\n"))
    title = str(fm.data.get("title") or (heading[1] if heading else Path(target).stem))
    target = target.rsplit(".", 1)[0] + ".md"
    links = [Link("references", r.target, rel, r.line, r.column, r.label) for r in scan(fm.body, fm.body_line)]
    entity = Entity(id=f"page:{target}", kind="page", title=title, file=rel, line=1, links=links,
                    page=target, content_hash=content_hash(text))
    markdown = fm.body if heading and heading[0] == 1 else f"# {title}\n\n{fm.body}"
    return DocPage(target, title, markdown, rel, owner, entity)
