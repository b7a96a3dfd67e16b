"""Reading one PRD file: front matter validated against the model, body kept as prose.

A PRD whose front matter does not validate still yields what can be salvaged (its ID, title,
status and requirement IDs), so references to it resolve and one typo is one finding, not a
cascade of unknown-reference errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..core.entities import content_hash
from ..core.findings import Finding
from ..core.front_matter_specs import is_spec_markdown, top_level_lines
from ..core.frontmatter import split
from ..core.project import Project
from ..core.textfile import read_text
from ..core.xref import normalise
from . import rules
from .model import PRD_ID, REQUIREMENT_ID, STATUSES, Prd
from .personas import Persona, PersonaResolver
from .positions import Positions
from .validation import schema_findings

#: Markdown files that are PRDs: READMEs, indexes and templates are not
is_prd_file = is_spec_markdown
_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


@dataclass
class PrdDocument:
    """One PRD file as read: the validated model, or the salvaged parts when it is invalid."""

    file: str
    path_name: str
    id: str | None
    title: str
    status: str | None
    prd: Prd | None
    requirement_ids: list[str] = field(default_factory=list)
    #: for invalid front matter: (index in ``requirements``, ID, text) of each usable requirement
    salvaged: list[tuple[int, str, str]] = field(default_factory=list)
    positions: Positions = field(default_factory=lambda: Positions(None))
    body: str = ""
    body_line: int = 1
    content_hash: str = ""
    #: the PRD's ``personas`` and each user story's ``as``, resolved (:mod:`.personas`)
    personas: list[Persona] = field(default_factory=list)
    story_personas: list[Persona] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.prd is not None

    def line(self, *path: str | int) -> int:
        """File line of a front-matter key or list item (its parent's when it is absent)."""
        return self.positions.line(path)

    @property
    def number(self) -> int | None:
        return int(self.id.split("-")[1]) if self.id else None


def read_prd(project: Project, path: Path, findings: list[Finding]) -> PrdDocument | None:
    """Parse and validate one PRD file; problems become findings, never exceptions."""
    rel = project.rel(path)
    text = read_text(project, path, findings)
    if text is None:
        return None
    before = len(findings)
    doc = PrdDocument(file=rel, path_name=path.name, id=None, title=path.stem, status=None,
                      prd=None, content_hash=content_hash(text))
    fm = split(text, rel, findings)
    doc.positions, doc.body, doc.body_line = Positions(fm), fm.body, fm.body_line
    if len(findings) > before:
        _salvage(doc, top_level_lines(text))  # malformed YAML: already a finding with its line
        return doc
    if not fm.present:
        findings.append(rules.SCHEMA.at(
            "a PRD starts with YAML front matter between '---' lines (id, title, status, owner, "
            "requirements...); see `specsite schema prd`", rel, 1))
        return doc
    _salvage(doc, fm.data)
    try:
        prd = Prd.model_validate(fm.data)
    except ValidationError as exc:
        findings.extend(schema_findings(exc, fm.data, doc.positions, rel, doc.id))
        return doc
    doc.prd, doc.id, doc.title, doc.status = prd, prd.id, prd.title, prd.status
    doc.requirement_ids = [r.id for r in prd.requirements]
    return doc


def _salvage(doc: PrdDocument, data: dict) -> None:
    """The parts of invalid front matter that are still usable."""
    raw_id = data.get("id")
    if isinstance(raw_id, str) and PRD_ID.match(normalise(raw_id)):
        doc.id = normalise(raw_id)
    if isinstance(data.get("title"), str) and data["title"].strip():
        doc.title = data["title"].strip()
    if data.get("status") in STATUSES:
        doc.status = data["status"]
    items = data.get("requirements")
    if not isinstance(items, list):
        return
    for i, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("id"), str) and REQUIREMENT_ID.match(item["id"]):
            text = item.get("text")
            doc.salvaged.append((i, item["id"], text if isinstance(text, str) and text else item["id"]))
    doc.requirement_ids = [rid for _, rid, _ in doc.salvaged]


def resolve_personas(doc: PrdDocument, resolver: PersonaResolver) -> None:
    """Settle what each persona of a valid PRD names (a C4 person or a configured name)."""
    if doc.prd is not None:
        doc.personas = [resolver.resolve(p) for p in doc.prd.personas]
        doc.story_personas = [resolver.resolve(s.as_) for s in doc.prd.user_stories]
