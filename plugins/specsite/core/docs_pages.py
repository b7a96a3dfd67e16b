"""Hand-written pages in ``docs_dir`` take part in the graph: their ``[[ID]]`` references are
checked and show up in the "Referenced by" list of what they reference."""

from __future__ import annotations

from pathlib import Path

from .entities import Entity, Link, content_hash
from .findings import Finding
from .frontmatter import split
from .headings import first_heading
from .project import Project
from .sources import spec_files
from .textfile import read_text
from .xref import scan



def read_docs_pages(project: Project, docs_dir: Path, findings: list[Finding]) -> list[Entity]:
    """One ``page`` entity per Markdown file under ``docs_dir`` (sorted, so output is stable)."""
    if not docs_dir.is_dir():
        return []
    entities = []
    for path in spec_files(project, docs_dir, findings):
        if path.suffix != ".md":
            continue
        rel = project.rel(path)
        text = read_text(project, path, findings)
        if text is None:
            continue
        fm = split(text, rel, findings)
        src_uri = path.relative_to(docs_dir).as_posix()
        heading = first_heading(fm.body.split("\n"), level=1)
        title = str(fm.data.get("title") or (heading[1] if heading else src_uri))
        links = [
            Link("references", r.target, rel, r.line, r.column, r.label)
            for r in scan(fm.body, fm.body_line)
        ]
        entities.append(Entity(
            id=f"page:{src_uri}", kind="page", title=title, file=rel, line=1,
            links=links, page=src_uri, content_hash=content_hash(text)))
    return entities
