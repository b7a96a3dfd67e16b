"""What every Markdown spec with YAML front matter shares (PRDs, runbooks, debt items): which files
count, reading a kind's folders, salvaging ``id:``/``title:`` from broken YAML, schema findings at
the field's line, and duplicate IDs.

Each kind keeps its own model, messages and rules; this module holds the reading around them, so a
fix to one (a quadratic regex, a file that should be skipped) reaches every kind.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from .entities import content_hash
from .findings import Finding, Rule
from .frontmatter import FrontMatter, split
from .project import Project
from .sources import spec_files
from .textfile import read_text

#: file names that are a folder's introduction, never a spec
NOT_SPECS = frozenset(("readme.md", "index.md"))
#: the value is trimmed in Python: a lazy ``(.*?)[ \t]*`` is quadratic on a run of blanks
_TOP_LEVEL = re.compile(r"^([a-z_]+):[ \t]*+(\S[^#]*+)")


class SpecDocument(Protocol):
    """What the shared functions need of a kind's document: its file, ID and front matter."""

    file: str
    id: str | None
    front_matter: FrontMatter


class FrontMatterPlaces:
    """Positions and number of a document with ``front_matter`` and ``id`` (a mixin)."""

    front_matter: FrontMatter
    id: str | None

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
        """The number in ``PREFIX-NNNN`` (``None`` without a usable ID)."""
        return int(self.id.split("-")[1]) if self.id else None


def is_spec_markdown(path: Path) -> bool:
    """Markdown files that are specs: READMEs, indexes, templates and hidden files are not."""
    name = path.name.lower()
    if path.suffix.lower() not in (".md", ".markdown") or name.startswith((".", "_")):
        return False
    return name not in NOT_SPECS and "template" not in name


D = TypeVar("D")


def read_folders(project: Project, folders: Iterable[Path], findings: list[Finding],
                 read: Callable[[Project, Path, list[Finding]], D | None]) -> list[D]:
    """Every spec file under ``folders`` read with ``read`` (hidden files skipped), by path."""
    documents = []
    for folder in folders:
        for path in spec_files(project, folder, findings):
            if is_spec_markdown(path):
                doc = read(project, path, findings)
                if doc is not None:
                    documents.append(doc)
    return documents


def first_of_each_id(documents: Iterable[D]) -> list[D]:
    """The first document of each ID, by number: what a kind's pages show."""
    seen: dict[str, Any] = {}
    for doc in documents:
        if doc.id:  # type: ignore[attr-defined]
            seen.setdefault(doc.id, doc)  # type: ignore[attr-defined]
    return sorted(seen.values(), key=lambda d: (d.number or 0, d.id or ""))


def top_level_lines(text: str) -> dict[str, str]:
    """``id:`` and ``title:`` lines of front matter that YAML cannot parse, so the spec keeps its
    page and references to it still resolve while the YAML error is fixed."""
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    found: dict[str, str] = {}
    for line in lines[1:end]:
        m = _TOP_LEVEL.match(line)
        value = m.group(2).rstrip(" \t") if m else ""
        if m and m.group(1) in ("id", "title") and not value.startswith(("[", "{", "&", "*")):
            found.setdefault(m.group(1), value.strip("'\""))
    return found


M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], doc: FrontMatterPlaces, data: Any, rule: Rule,
              message: Callable[[Any, tuple], str], findings: list[Finding]) -> M | None:
    """``data`` validated as ``model``; each problem one finding of ``rule`` at its field's line
    (a missing field at its parent's), worded by ``message(error, location)``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            line, column = doc.at(*(loc[:-1] if err["type"] == "missing" else loc))
            findings.append(rule.at(message(err, loc), doc.file, line,  # type: ignore[attr-defined]
                                    column, doc.id))
        return None


P = TypeVar("P", bound=FrontMatterPlaces)


def read_spec(project: Project, path: Path, findings: list[Finding],
              new_doc: Callable[[str, str, FrontMatter], P], salvage: Callable[[P, dict], None],
              model: type[M], rule: Rule, message: Callable[[Any, tuple], str],
              no_front_matter: str) -> tuple[P | None, M | None]:
    """One spec file read and validated: its document (``new_doc(file, content hash, front
    matter)``, with what ``salvage`` keeps of broken or invalid front matter) and its model, or
    ``None`` where it could not be had. Every problem is a finding at its line, never an error:
    malformed YAML is the shared finding ``split`` reports, no front matter is ``rule`` at line 1
    with ``no_front_matter`` as its message, and each schema problem is ``rule`` at its field."""
    rel = project.rel(path)
    text = read_text(project, path, findings)
    if text is None:
        return None, None
    before = len(findings)
    fm = split(text, rel, findings)
    doc = new_doc(rel, content_hash(text), fm)
    if len(findings) > before:
        salvage(doc, top_level_lines(text))  # malformed YAML: already a finding with its line
        return doc, None
    if not fm.present:
        findings.append(rule.at(no_front_matter, rel, 1))
        return doc, None
    salvage(doc, fm.data)
    return doc, validated(model, doc, fm.data, rule, message, findings)


def duplicate_ids(documents: Sequence[Any], rule: Rule, what: str) -> list[Finding]:
    """One finding on each document that reuses an ID an earlier one has (``what``: 'runbook')."""
    by_id: dict[str, list[Any]] = defaultdict(list)
    for doc in documents:
        if doc.id:
            by_id[doc.id].append(doc)
    out = []
    for spec_id, group in sorted(by_id.items()):
        for doc in group[1:]:
            out.append(rule.at(
                f"{spec_id} is already used by {group[0].file}; give this {what} the next free "
                f"number", doc.file, doc.line("id"), None, spec_id))
    return out


def shown(value: Any) -> str:
    """A value in a schema message: quoted text, ``a list``/``a mapping``, at most 60 characters."""
    if isinstance(value, (dict, list)):
        return "a list" if isinstance(value, list) else "a mapping"
    if value is None:
        return "an empty value"  # ``title:`` with nothing after it, not Python's None
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…'"
