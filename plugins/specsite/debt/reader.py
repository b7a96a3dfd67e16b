"""Reading one debt item: front matter validated against the model, the body kept as prose.

An item whose front matter does not validate still yields its ID, title and status when they
are usable, so ``[[DEBT-NNNN]]`` references to it resolve and one typo is one finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..core.entities import content_hash
from ..core.findings import Finding
from ..core.frontmatter import FrontMatter, split
from ..core.project import Project
from ..core.textfile import read_text
from . import rules
from .model import DEBT_ID, STATUSES, DebtItem, normalise_id

NOT_ITEMS = {"readme.md", "index.md"}
_TOP_LEVEL = re.compile(r"^([a-z_]+):[ \t]*+(\S[^#]*+)")
_TYPE_WORDS = {
    "string_type": "text", "float_type": "a number", "float_parsing": "a number",
    "list_type": "a list", "model_type": "a mapping of fields", "dict_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields", "finite_number": "a finite number",
}


@dataclass
class DebtDocument:
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

    def at(self, *path: str | int) -> tuple[int, int | None]:
        """File line and column of a front-matter key or list item (its parent's when absent)."""
        if self.front_matter.node is None:
            return 1, None
        return self.front_matter.position(path)

    def line(self, *path: str | int) -> int:
        """File line of a front-matter key or list item."""
        return self.at(*path)[0]

    @property
    def number(self) -> int | None:
        return int(self.id.split("-")[1]) if self.id else None


def is_debt_file(path: Path) -> bool:
    """Markdown files that are debt items: READMEs, indexes and templates are not."""
    name = path.name.lower()
    if path.suffix.lower() not in (".md", ".markdown") or name.startswith((".", "_")):
        return False
    return name not in NOT_ITEMS and "template" not in name


def read_debt(project: Project, path: Path, findings: list[Finding]) -> DebtDocument | None:
    """Parse and validate one debt file; problems become findings, never exceptions."""
    rel = project.rel(path)
    text = read_text(project, path, findings)
    if text is None:
        return None
    before = len(findings)
    doc = DebtDocument(file=rel, path_name=path.name, id=None, title=path.stem, status=None,
                       item=None, content_hash=content_hash(text))
    fm = split(text, rel, findings)
    doc.front_matter, doc.body, doc.body_line = fm, fm.body, fm.body_line
    if len(findings) > before:
        _salvage(doc, _top_level_lines(text))  # malformed YAML: already a finding with its line
        return doc
    if not fm.present:
        findings.append(rules.SCHEMA.at(
            "a debt item starts with YAML front matter between '---' lines (id, title, quadrant, "
            "status...); see `specsite schema debt`", rel, 1))
        return doc
    _salvage(doc, fm.data)
    try:
        item = DebtItem.model_validate(fm.data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            line, column = doc.at(*(loc[:-1] if err["type"] == "missing" else loc))
            findings.append(rules.SCHEMA.at(_message(err, loc), rel, line, column, doc.id))
        return doc
    doc.item, doc.id, doc.title, doc.status = item, item.id, item.title, item.status
    return doc


def _top_level_lines(text: str) -> dict[str, str]:
    """``id:`` and ``title:`` lines of front matter YAML cannot parse."""
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    found: dict[str, str] = {}
    for line in lines[1:end]:
        m = _TOP_LEVEL.match(line)
        value = m.group(2).rstrip(" \t") if m else ""
        if m and m.group(1) in ("id", "title") and not value.startswith(("[", "{", "&", "*")):
            found.setdefault(m.group(1), value.strip("'\""))
    return found


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
        problem = f"{_shown(value)} is not one of {err.get('ctx', {}).get('expected', '')}"
    elif kind == "string_too_short":
        problem = "must not be empty"
    elif kind == "string_too_long":
        problem = "is too long"
    elif kind == "greater_than_equal":
        problem = "must be 0 or more"
    elif kind == "value_error":
        problem = str(err["msg"]).removeprefix("Value error, ")
    elif kind in _TYPE_WORDS:
        problem = f"should be {_TYPE_WORDS[kind]}, not {_shown(value)}"
    else:
        problem = str(err["msg"])
    return f"{where}: {problem}"


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a list" if isinstance(value, list) else "a mapping"
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…'"
