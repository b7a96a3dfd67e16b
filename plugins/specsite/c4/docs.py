"""Structurizr ``!docs`` folders as pages: each Markdown file becomes a page under the
workspace's architecture folder, linked from the element (or the model index) that owns it."""

from __future__ import annotations


from dataclasses import dataclass, field
from pathlib import Path

from ..core.entities import Entity, Link, content_hash
from ..core.escape import md_text
from ..core.findings import Finding
from ..core.frontmatter import split
from ..core.markdown import file_slug
from ..core.headings import first_heading
from ..core.project import OutsideProjectError, Project
from ..core.sources import spec_files
from ..core.textfile import read_text
from ..core.xref import scan
from . import model as m
from .rules import UNSUPPORTED

_TEXT_DOCS = (".md", ".markdown")
_OTHER_DOCS = (".adoc", ".asciidoc")
# files of a docs folder published beside its pages: ones a browser shows without running them
# (an HTML, SVG, XML or script file would run whatever it holds on the site's own origin)
_ASSETS = frozenset((".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".ico", ".pdf",
                     ".txt", ".csv"))
# MkDocs reads a page's metadata (title, description...) from its first lines and themes put it
# into the page unescaped: a generated page starts with this empty metadata block, so nothing a
# docs file holds is read as metadata
_NO_METADATA = "---\n{}\n---\n\n"


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
            base = f"{folders[id(ws)]}/docs/{file_slug(owner, 'element') if owner else 'workspace'}"
            files = [root] if root.is_file() else spec_files(project, root, findings)
            for path in files:
                inside = path.name if path == root else path.relative_to(root).as_posix()
                suffix = path.suffix.lower()
                if suffix in _TEXT_DOCS:
                    page = _page(project, path, f"{base}/{inside}", owner, findings)
                    if page is not None:
                        docs.pages.append(page)
                elif suffix in _OTHER_DOCS:
                    findings.append(UNSUPPORTED.at(
                        f"!docs {folder}: {inside} is AsciiDoc, which is not rendered; only Markdown is",
                        project.rel(path), 1))
                elif suffix in _ASSETS:
                    docs.assets.setdefault(f"{base}/{inside}", str(path))
                else:
                    findings.append(UNSUPPORTED.at(
                        f"!docs {folder}: {inside} is not published: only images, PDF and text files "
                        "are (an HTML, SVG or script file could run script on the site)",
                        project.rel(path), 1))
    return docs


def _heading_text(text: str) -> str:
    """An ATX heading's text without its closing ``#`` run."""
    return text.rstrip().rstrip("#").rstrip() or text.strip()


def _page(project: Project, path: Path, target: str, owner: str | None,
          findings: list[Finding]) -> DocPage | None:
    rel = project.rel(path)
    text = read_text(project, path, findings)
    if text is None:
        return None
    fm = split(text, rel, findings)
    # Structurizr titles a section with its first heading, whatever its level
    heading = first_heading(fm.body.split("\n"))
    title = str(fm.data.get("title") or (_heading_text(heading[1]) if heading else Path(target).stem))
    target = target.rsplit(".", 1)[0] + ".md"
    links = [Link("references", r.target, rel, r.line, r.column, r.label) for r in scan(fm.body, fm.body_line)]
    entity = Entity(id=f"page:{target}", kind="page", title=title, file=rel, line=1, links=links,
                    page=target, content_hash=content_hash(text))
    body = fm.body if heading and heading[0] == 1 else f"# {md_text(title)}\n\n{fm.body}"
    markdown = _NO_METADATA + body
    return DocPage(target, title, markdown, rel, owner, entity)
