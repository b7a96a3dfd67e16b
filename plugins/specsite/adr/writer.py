"""``specsite new adr``: write the next numbered decision and update the decisions it supersedes
or amends in place, changing only the lines that must change.

Every edit is prepared in memory and checked first (front matter that cannot be round-tripped, a
read-only file or folder stops the command with a message and nothing written); then all files
are written together or not at all. Edited files keep their BOM and line endings.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from ..core.atomic import NotWritableError, write_all
from ..core.findings import Finding
from ..core.frontmatter import split as split_front_matter
from ..core.markdown import slug
from ..core.project import OutsideProjectError, Project
from .model import Decision

NYGARD = """# {number}. {title}

Date: {date}

## Status

{status}
{links}
## Context

What is the issue that we're seeing that is motivating this decision or change?

## Decision

What is the change that we're proposing and/or doing?

## Consequences

What becomes easier or more difficult to do and any risks introduced by the change that will need to be mitigated?
"""

MADR = """---
status: {status}
date: {date}
decision-makers: []
---
# {title}
{links}
## Context and Problem Statement

Describe the context and problem statement in two or three sentences.

## Considered Options

* Option 1
* Option 2

## Decision Outcome

Chosen option: "Option 1", because it comes out best.

### Consequences

* Good, because …
* Bad, because …
"""


LOG4BRAINS = """# {title}

- Status: accepted
- Deciders: []
- Date: {date}

## Context and Problem Statement

Describe the context and problem statement in two or three sentences.

## Considered Options

- Option 1
- Option 2

## Decision Outcome

Chosen option: "Option 1", because it comes out best.

### Positive Consequences

- …

### Negative Consequences

- …
{links}"""


class WriteError(Exception):
    """The command cannot do what was asked (unknown ADR, unreadable or read-only file...);
    nothing was written."""


@dataclass
class Written:
    """What a writing command changed, for the CLI to report."""

    created: str
    updated: list[str]


def slugify(title: str) -> str:
    """``Use PostgreSQL for orders!`` -> ``use-postgresql-for-orders``."""
    return slug(title, "decision", limit=60)


@dataclass
class _Source:
    """A file to edit: its text with ``\\n`` line ends, and what writing it back must restore."""

    rel: str
    text: str
    bom: bool
    newline: str

    def encode(self, text: str) -> bytes:
        """``text`` with the file's own BOM and line endings."""
        data = text.replace("\n", self.newline).encode("utf-8")
        return codecs.BOM_UTF8 + data if self.bom else data


def new_adr(project: Project, folder: Path, decisions: list[Decision], title: str,
            supersedes: list[str], amends: list[str], today: dt.date | None = None) -> Written:
    """Create the next decision in ``folder``; update the superseded and amended ones.

    Everything is prepared and checked before the first byte is written, and then written all
    or nothing: a :class:`WriteError` means no file changed.
    """
    title = " ".join(title.split())
    if not title:
        raise WriteError("a decision needs a title")
    by_id = {d.id: d for d in decisions}
    for target in supersedes + amends:
        if target not in by_id:
            raise WriteError(f"no decision {target} in {project.rel(folder)}")
    day = today or dt.date.today()
    date = day.isoformat()
    style = Counter(d.format for d in decisions).most_common(1)
    fmt = style[0][0] if style else "nygard"
    madr = fmt in ("madr", "madr2", "log4brains")
    link_lines = [("Supersedes", t) for t in supersedes] + [("Amends", t) for t in amends]
    if fmt == "log4brains":
        # log4brains names files by date and slug and keeps links in a "## Links" list
        number, name = None, f"{day:%Y%m%d}-{slugify(title)}.md"
        new_id = f"ADR-{name[:-3]}"
        links = "".join(f"- {rel} [{_label(by_id[t], True)}]({by_id[t].path_name})\n"
                        for rel, t in link_lines)
        text = LOG4BRAINS.format(title=title, date=date, links=f"\n## Links\n\n{links}" if links else "")
    else:
        number = max((d.number for d in decisions if d.number is not None), default=0) + 1
        new_id, name = f"ADR-{number:04d}", f"{number:04d}-{slugify(title)}.md"
        links = "".join(
            f"\n{rel} [{_label(by_id[t], madr)}]({by_id[t].path_name})\n" for rel, t in link_lines)
        if madr and links:
            links = "\n## Status\n" + links
        text = (MADR if madr else NYGARD).format(number=number, title=title, date=date,
                                                  status="accepted" if madr else "Accepted", links=links)
    path = folder / name
    if path.exists():
        raise WriteError(f"{project.rel(path)} already exists")
    me = Decision(id=new_id, file=project.rel(path), path_name=name, number=number,
                  heading_number=number, title=title, title_line=1, status="accepted",
                  status_line=None, date=date, date_raw=date, date_line=None)

    # one in-memory edit per file, even when a decision is both superseded and amended
    edits: dict[Path, tuple[_Source, str]] = {}
    for targets, rel, madr_status in ((supersedes, "Superseded by", True),
                                      (amends, "Amended by", False)):
        for target in dict.fromkeys(targets):
            old = by_id[target]
            old_path = _confine(project, old.file)
            if old_path in edits:
                source, current = edits[old_path]
            else:
                source = _read(project, old_path)
                current = source.text
            edits[old_path] = (source, _edit(source, current, old, rel, me, madr_status))
    changes = [(path, _encode_new(project, path, text))]
    for old_path, (source, edited) in edits.items():
        _validate(source, edited)
        changes.append((old_path, source.encode(edited)))
    _write(project, changes)
    return Written(project.rel(path), [source.rel for source, _ in edits.values()])


def _confine(project: Project, rel: str) -> Path:
    try:
        return project.confine(rel)
    except OutsideProjectError as exc:
        raise WriteError(f"{exc}; nothing was written") from None


def _read(project: Project, path: Path) -> _Source:
    """The file's text with ``\\n`` line ends, its BOM and its (dominant) line ending."""
    rel = project.rel(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WriteError(f"cannot read {rel}: {exc.strerror or exc}; nothing was written") from None
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = data[len(codecs.BOM_UTF8) if bom else 0:].decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise WriteError(f"{rel}:{line}: not valid UTF-8; nothing was written") from None
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf > text.count("\n") - crlf else "\n"
    return _Source(rel, text.replace("\r\n", "\n"), bom, newline)


def _encode_new(project: Project, path: Path, text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # a title from a command line that is not UTF-8 arrives with surrogate escapes
        raise WriteError(f"cannot write {project.rel(path)}: the title is not valid UTF-8") from None


def _write(project: Project, changes: list[tuple[Path, bytes]]) -> None:
    try:
        write_all(changes)
    except NotWritableError as exc:
        raise WriteError(f"{project.rel(exc.path)} {exc.reason}; nothing was written") from None
    except OSError as exc:
        where = project.rel(exc.filename) if exc.filename else "a file"
        raise WriteError(f"cannot write {where}: {exc.strerror or exc}; nothing was written") from None


def _label(d: Decision, madr: bool) -> str:
    if madr or d.number is None:
        return d.id
    return f"{d.number}. {d.title}"


def _front_matter_end(lines: list[str]) -> int | None:
    """Index of the line closing front matter (``---`` or ``...``), as the reader finds it;
    ``None`` when the file has no front matter."""
    if not lines or lines[0].strip() != "---":
        return None
    return next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), -1)


def _edit(source: _Source, text: str, old: Decision, rel: str, new: Decision, madr_status: bool) -> str:
    """The file's text with ``rel`` (``Superseded by``...) recorded; the front matter is only
    re-written for MADR 3/4, whose status lives there, and must be sound in any case."""
    link = f"[{_label(new, old.format != 'nygard')}]({new.path_name})"
    lines = text.split("\n")
    end = _front_matter_end(lines)
    if end is None:
        return _update_status_section(text, rel, link, replace_status=madr_status)
    if end == -1:
        raise WriteError(f"{source.rel}:1: front matter opened with '---' is never closed; "
                         "nothing was written")
    yaml, data = _load_front_matter(source, lines, end)
    if old.format == "madr":
        return _update_front_matter(source.rel, yaml, data, lines, end, new, madr_status)
    body = _update_status_section("\n".join(lines[end + 1:]), rel, link, replace_status=madr_status)
    return "\n".join(lines[: end + 1] + [body])


def _round_trip_yaml(indent: int | None, offset: int | None) -> YAML:
    """A round-trip YAML that keeps quotes, long lines and the file's list indentation."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-flow a long value onto new lines
    # keep the list style the file uses ("- x" or "  - x") instead of ruamel's default
    if indent is not None and offset is not None:
        yaml.indent(mapping=2, sequence=indent, offset=offset)
    return yaml


def _load_front_matter(source: _Source, lines: list[str], end: int) -> tuple[YAML, object]:
    """ruamel's round-trip view of the front matter, or a :class:`WriteError` at its line."""
    head = "\n".join(lines[1:end]) + "\n"
    try:
        _, indent, offset = load_yaml_guess_indent(head)
        yaml = _round_trip_yaml(indent, offset)
        data = yaml.load(head)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 2
        problem = exc.problem or exc.context or "invalid YAML"
        hint = " (YAML allows no tab there: use spaces)" if "\t" in lines[min(line - 1, end)] else ""
        raise WriteError(f"{source.rel}:{line}: cannot edit the front matter: {problem}{hint}; "
                         "nothing was written") from None
    except YAMLError as exc:
        raise WriteError(f"{source.rel}:2: cannot edit the front matter: {exc}; "
                         "nothing was written") from None
    except RecursionError:
        raise WriteError(f"{source.rel}:2: cannot edit the front matter: nested too deeply; "
                         "nothing was written") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise WriteError(f"{source.rel}:2: front matter is not a mapping of keys to values; "
                         "nothing was written")
    return yaml, data


def _update_front_matter(rel: str, yaml: YAML, data: dict, lines: list[str], end: int,
                         new: Decision, madr_status: bool) -> str:
    """MADR 3/4: round-trip the front matter with ruamel (comments and order kept); the fences
    (``---`` or ``...``) and the body stay as they were."""
    if madr_status:
        data["status"] = f"superseded by {new.id}"
    else:
        key = "amended-by"
        existing = data.get(key)
        values = list(existing) if isinstance(existing, list) else ([existing] if existing else [])
        data[key] = values + [new.id]
    out = io.StringIO()
    try:
        yaml.dump(data, out)
    except RecursionError:
        raise WriteError(f"{rel}:2: cannot edit the front matter: nested too deeply; "
                         "nothing was written") from None
    return f"{lines[0]}\n{out.getvalue()}" + "\n".join(lines[end:])


def _validate(source: _Source, edited: str) -> None:
    """The edit must leave front matter the reader can still read (a guard against a bad edit)."""
    findings: list[Finding] = []
    before_ok = not _front_matter_findings(source.text)
    split_front_matter(edited, source.rel, findings)
    if before_ok and findings:
        raise WriteError(f"{findings[0].location()}: the edit would break the front matter "
                         f"({findings[0].message}); nothing was written")


def _front_matter_findings(text: str) -> list[Finding]:
    findings: list[Finding] = []
    split_front_matter(text, "", findings)
    return findings


def _update_status_section(text: str, rel: str, link: str, replace_status: bool) -> str:
    """Nygard and MADR 2: edit the ``## Status`` section or the ``Status:`` bullet in place."""
    lines = text.split("\n")
    bullet = next((i for i, l in enumerate(lines)
                   if re.match(r"^\s*[*-]\s+(\*\*)?status(\*\*)?\s*:", l, re.IGNORECASE)), None)
    if bullet is not None:
        if replace_status:
            prefix = lines[bullet][: lines[bullet].index(":") + 1]
            lines[bullet] = f"{prefix} {rel.lower()} {link}"
            return "\n".join(lines)
        # MADR 2 and log4brains list other links under "## Links", as their templates do
        marker = lines[bullet].lstrip()[0]
        return _add_to_links_section(lines, f"{marker} {rel} {link}")
    start = next((i for i, l in enumerate(lines) if re.match(r"^##\s+status\s*$", l, re.IGNORECASE)), None)
    if start is None:
        return text.rstrip("\n") + f"\n\n## Status\n\n{rel} {link}\n"
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    body = [i for i in range(start + 1, end) if lines[i].strip()]
    if replace_status:
        for i in body:
            if re.match(r"^(accepted|proposed|draft|deprecated)\b", lines[i].strip(), re.IGNORECASE):
                lines[i] = f"{rel} {link}"
                return "\n".join(lines)
    insert_at = (body[-1] + 1) if body else start + 1
    lines[insert_at:insert_at] = ["", f"{rel} {link}"]
    return "\n".join(lines)


def _add_to_links_section(lines: list[str], entry: str) -> str:
    """Append ``entry`` to the ``## Links`` section (made at the end when there is none)."""
    start = next((i for i, l in enumerate(lines) if re.match(r"^##\s+links\b", l, re.IGNORECASE)), None)
    if start is None:
        while lines and not lines[-1].strip():
            lines.pop()
        return "\n".join(lines + ["", "## Links", "", entry, ""])
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    items = [i for i in range(start + 1, end) if lines[i].strip()]
    at = items[-1] + 1 if items else start + 1
    lines[at:at] = [entry] if items else ["", entry]
    return "\n".join(lines)
