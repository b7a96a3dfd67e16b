"""Reading one debt item: front matter validated against the model, the body kept as prose.

An item whose front matter does not validate still yields its ID, title and status when they
are usable, so ``[[DEBT-NNNN]]`` references to it resolve and one typo is one finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.findings import Finding
from ..core.front_matter_specs import FrontMatterPlaces, read_spec, shown
from ..core.frontmatter import FrontMatter
from ..core.project import Project
from . import rules
from .model import DEBT_ID, STATUSES, DebtItem, normalise_id

_TYPE_WORDS = {
    "string_type": "text", "float_type": "a number", "float_parsing": "a number",
    "list_type": "a list", "model_type": "a mapping of fields", "dict_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields", "finite_number": "a finite number",
}


@dataclass
class DebtDocument(FrontMatterPlaces):
    """One debt file as read: the validated item, or the salvaged parts when it is invalid."""

    file: str
    path_name: str
    id: str | None
    title: str
    status: str | None
    item: DebtItem | None
    front_matter: FrontMatter = field(default_factory=FrontMatter)
    body: str = ""
    body_line: int = 1
    content_hash: str = ""


def read_debt(project: Project, path: Path, findings: list[Finding]) -> DebtDocument | None:
    """Parse and validate one debt file; problems become findings, never exceptions."""
    def new_doc(rel: str, digest: str, fm: FrontMatter) -> DebtDocument:
        return DebtDocument(file=rel, path_name=path.name, id=None, title=path.stem, status=None,
                            item=None, front_matter=fm, body=fm.body, body_line=fm.body_line,
                            content_hash=digest)

    doc, item = read_spec(
        project, path, findings, new_doc, _salvage, DebtItem, rules.SCHEMA, _message,
        "a debt item starts with YAML front matter between '---' lines (id, title, quadrant, "
        "status...); see `specsite schema debt`")
    if doc is not None and item is not None:
        doc.item, doc.id, doc.title, doc.status = item, item.id, item.title, item.status
    return doc


def _salvage(doc: DebtDocument, data: dict[str, Any]) -> None:
    raw_id = data.get("id")
    if isinstance(raw_id, str) and DEBT_ID.match(normalise_id(raw_id)):
        doc.id = normalise_id(raw_id)
    if isinstance(data.get("title"), str) and data["title"].strip():
        doc.title = data["title"].strip()
    if data.get("status") in STATUSES:
        doc.status = data["status"]


def _message(err: Any, loc: tuple) -> str:
    """One sentence per problem, naming the field (never a pydantic dump)."""
    kind, value = err["type"], err.get("input")
    where = "front matter" if not loc else "'" + ".".join(str(p) for p in loc) + "'"
    if kind == "missing":
        problem = "is required but missing"
    elif kind == "extra_forbidden":
        problem = f"is not a debt item field (known: {', '.join(sorted(DebtItem.model_fields))})"
    elif kind == "literal_error":
        problem = f"{shown(value)} is not one of {err.get('ctx', {}).get('expected', '')}"
    elif kind == "string_too_short":
        problem = "must not be empty"
    elif kind == "string_too_long":
        problem = "is too long"
    elif kind == "greater_than_equal":
        problem = "must be 0 or more"
    elif kind == "value_error":
        problem = str(err["msg"]).removeprefix("Value error, ")
    elif kind in _TYPE_WORDS:
        problem = f"should be {_TYPE_WORDS[kind]}, not {shown(value)}"
    else:
        problem = str(err["msg"])
    return f"{where}: {problem}"

