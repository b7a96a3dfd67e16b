"""Reading one runbook file: front matter validated against :class:`.model.Runbook`, the body
kept as the steps.

A runbook whose front matter does not validate keeps its ID and title when they are usable, so
``[[RB-0001]]`` references to it still resolve and one typo is one finding (RB001 at its line),
not a cascade of unknown references.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from ..core.findings import Finding
from ..core.front_matter_specs import FrontMatterPlaces, read_spec, shown
from ..core.frontmatter import FrontMatter
from ..core.project import Project
from . import rules
from .model import RUNBOOK_ID, Runbook, normalise_id

_TYPE_WORDS = {
    "string_type": "text", "int_type": "a whole number of days", "int_parsing":
    "a whole number of days", "int_from_float": "a whole number of days", "list_type": "a list",
    "bool_type": "true or false", "date_type": "a date (YYYY-MM-DD)",
}


@dataclass
class RunbookDocument(FrontMatterPlaces):
    """One runbook file as read: the validated model, or the salvaged ID and title."""

    file: str
    path_name: str
    id: str | None
    title: str
    runbook: Runbook | None
    front_matter: FrontMatter = field(default_factory=FrontMatter)
    body: str = ""
    body_line: int = 1
    content_hash: str = ""


def read_runbook(project: Project, path: Path, findings: list[Finding]) -> RunbookDocument | None:
    """Parse and validate one runbook file; problems become findings, never exceptions."""
    def new_doc(rel: str, digest: str, fm: FrontMatter) -> RunbookDocument:
        return RunbookDocument(file=rel, path_name=path.name, id=None, title=path.stem, runbook=None,
                               front_matter=fm, body=fm.body, body_line=fm.body_line,
                               content_hash=digest)

    doc, runbook = read_spec(
        project, path, findings, new_doc, _salvage, Runbook, rules.SCHEMA, _message,
        "a runbook starts with YAML front matter between '---' lines (id, title, service, "
        "owner, severity, last_reviewed...); see `specsite schema runbook`")
    if doc is not None and runbook is not None:
        doc.runbook, doc.id, doc.title = runbook, runbook.id, runbook.title
    return doc


def _salvage(doc: RunbookDocument, data: dict) -> None:
    raw_id = data.get("id")
    if isinstance(raw_id, str) and RUNBOOK_ID.match(normalise_id(raw_id)):
        doc.id = normalise_id(raw_id)
    if isinstance(data.get("title"), str) and data["title"].strip():
        doc.title = data["title"].strip()


def _message(err: Any, loc: Sequence[str | int]) -> str:
    """One sentence per schema problem (never a pydantic dump)."""
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        problem = "is required but missing"
    elif kind == "extra_forbidden":
        problem = f"is not a runbook field (known: {', '.join(Runbook.model_fields)})"
    elif kind == "literal_error":
        problem = f"{shown(value)} is not one of {err.get('ctx', {}).get('expected', '')}"
    elif kind in ("string_too_short", "too_short"):
        problem = "must not be empty"
    elif kind == "greater_than":
        problem = f"{shown(value)} must be a number of days above 0"
    elif kind == "value_error":
        problem = str(err["msg"]).removeprefix("Value error, ")
    elif kind in _TYPE_WORDS:
        problem = f"should be {_TYPE_WORDS[kind]}, not {shown(value)}"
    else:
        problem = str(err["msg"])
    where = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p))
                    for i, p in enumerate(loc)) or "front matter"
    return f"'{where}': {problem}"

