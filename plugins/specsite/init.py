"""``specsite init``: add specsite to an existing MkDocs project.

It adds the plugin entry to mkdocs.yml (a ruamel round-trip: comments, order, tags such as
``!ENV``, line endings and a BOM survive), uses the spec folders the repository already has or
creates the missing ones with a first decision, and adds the generated sections to an explicit
``nav`` (or prints the snippet when there is none). It never overwrites a file, refuses when
specsite is already configured, and writes all or nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .core.atomic import write_atomic

#: where repositories keep their decisions (adr-tools' doc/adr first); folders inside docs/ are
#: left out: MkDocs would publish them a second time
ADR_FOLDERS = ("doc/adr", "doc/adrs", "doc/decisions", "adr", "adrs", "decisions")
PRD_FOLDERS = ("specs/prds", "prds", "doc/prds")
C4_FILES = ("workspace.dsl", "architecture/workspace.dsl", "specs/architecture/workspace.dsl",
            "doc/architecture/workspace.dsl", "workspace.json")
OPENAPI_PATHS = ("openapi.yaml", "openapi.yml", "openapi.json", "apis", "specs/apis", "api")
#: used when they exist, never created: not every team keeps runbooks or a debt register here
RUNBOOK_FOLDERS = ("specs/runbooks", "runbooks", "doc/runbooks")
DEBT_FOLDERS = ("specs/debt", "debt", "doc/debt")

FIRST_ADR = """# 1. Record architecture decisions

Date: {date}

## Status

Accepted

## Context

We need to record the architectural decisions made on this project.

## Decision

We will use Architecture Decision Records, as described by Michael Nygard in
"Documenting Architecture Decisions"; `specsite new adr "Title"` writes the next one.

## Consequences

Decisions are reviewed like code and published, cross-linked and checked, with the docs.
"""

PRD_README = """# Product requirements

One PRD per file; `specsite new prd "Title"` writes the next numbered one here.
"""


class InitError(Exception):
    """``init`` cannot proceed (no mkdocs.yml, specsite already configured, a file in the way)."""


@dataclass
class Plan:
    """What ``init`` will write: new files, the new mkdocs.yml text, and what to tell the user."""

    created: dict[Path, str] = field(default_factory=dict)
    config_text: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    nav_added: list[dict[str, Any]] = field(default_factory=list)
    nav_snippet: str = ""


def plan(config_file: Path, today: dt.date | None = None) -> Plan:
    """Work out every write without writing anything."""
    if not config_file.is_file():
        raise InitError(f"no {config_file.name} in {config_file.parent}: init adds specsite to "
                        f"an existing MkDocs project (`mkdocs new .` creates one)")
    root = config_file.parent
    raw = config_file.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    try:
        data = yaml.load(text.replace("\r\n", "\n"))
    except YAMLError as exc:
        raise InitError(f"{config_file.name}: cannot read it as YAML: {exc}") from None
    if not isinstance(data, dict):
        raise InitError(f"{config_file.name}: expected a mapping of settings")
    if _plugin_listed(data.get("plugins")):
        raise InitError(f"{config_file.name} already lists the specsite plugin; nothing to do")
    docs_dir = str(data.get("docs_dir", "docs")).strip("/")
    result = Plan()
    today = today or dt.date.today()

    adrs = _existing(root, ADR_FOLDERS, docs_dir, folder=True) or "adrs"
    if not any(p.suffix == ".md" and p.name[:1].isdigit() for p in _files(root / adrs)):
        result.created[root / adrs / "0001-record-architecture-decisions.md"] = \
            FIRST_ADR.format(date=today.isoformat())
    result.options["adrs"] = adrs
    prds = _existing(root, PRD_FOLDERS, docs_dir, folder=True)
    if prds is None:
        prds = "specs/prds"
        result.created[root / prds / "README.md"] = PRD_README
    result.options["prds"] = prds
    c4 = _existing(root, C4_FILES, docs_dir, folder=False)
    if c4:
        result.options["c4"] = c4
    openapi = _existing(root, OPENAPI_PATHS, docs_dir, folder=None)
    if openapi:
        result.options["openapi"] = openapi
    runbooks = _existing(root, RUNBOOK_FOLDERS, docs_dir, folder=True)
    if runbooks:
        result.options["runbooks"] = runbooks
    debt = _existing(root, DEBT_FOLDERS, docs_dir, folder=True)
    if debt:
        result.options["debt"] = debt
    for path in result.created:
        if path.exists() or path.is_symlink():
            raise InitError(f"{path.relative_to(root).as_posix()} exists; init never overwrites "
                            f"a file")

    sections: list[dict[str, Any]] = [
        {"Decisions": ["decisions/index.md", "decisions/timeline.md", "decisions/graph.md"]}]
    if any(p.suffix == ".md" and p.name.lower() != "readme.md" for p in _files(root / prds)):
        sections.append({"Requirements": ["requirements/index.md", "requirements/backlog.md",
                                          "requirements/traceability.md"]})
    if c4:
        sections.append({"Architecture": "architecture/index.md"})
    if openapi:
        sections.append({"APIs": "api/index.md"})
    if runbooks:
        sections.append({"Runbooks": "runbooks/index.md"})
    if debt:
        sections.append({"Technical debt": ["debt/index.md", "debt/quadrants.md"]})
    entry = {"specsite": dict(result.options)}
    plugins = data.get("plugins")
    if plugins is None:
        # MkDocs' default list is [search]: naming plugins without it would switch search off
        data["plugins"] = ["search", entry]
    elif isinstance(plugins, dict):
        plugins["specsite"] = dict(result.options)
    elif isinstance(plugins, list):
        plugins.append(entry)
    else:
        raise InitError(f"{config_file.name}: 'plugins' is neither a list nor a mapping")
    nav = data.get("nav")
    if isinstance(nav, list):
        titles = {next(iter(item)) for item in nav if isinstance(item, dict) and item}
        result.nav_added = [s for s in sections if next(iter(s)) not in titles]
        nav.extend(result.nav_added)
    else:
        result.nav_snippet = "nav:\n" + "".join(
            f"  - {title}: {pages}\n" if isinstance(pages, str) else
            f"  - {title}:\n" + "".join(f"      - {page}\n" for page in pages)
            for s in sections for title, pages in s.items())
    sequence, offset = _list_indent(text)
    yaml.indent(mapping=2, sequence=sequence, offset=offset)
    out = io.StringIO()
    yaml.dump(data, out)
    result.config_text = ("\ufeff" if bom else "") + out.getvalue().replace("\n", newline)
    result.created = dict(sorted(result.created.items()))
    return result


def apply(config_file: Path, planned: Plan) -> list[Path]:
    """Write the plan: the new files, then mkdocs.yml; on any failure, remove what was created
    (mkdocs.yml is replaced by a rename, so it is either old or new). Returns the created files."""
    created: list[Path] = []
    try:
        for path, text in planned.created.items():
            if path.exists():
                raise InitError(f"{path} appeared meanwhile; init never overwrites a file")
            write_atomic(path, text)
            created.append(path)
        write_atomic(config_file, planned.config_text)
    except BaseException:
        for path in reversed(created):
            path.unlink(missing_ok=True)
        raise
    return created


def _plugin_listed(plugins: Any) -> bool:
    if isinstance(plugins, dict):
        return "specsite" in plugins
    if isinstance(plugins, list):
        return any(p == "specsite" or (isinstance(p, dict) and "specsite" in p) for p in plugins)
    return False


def _existing(root: Path, candidates: tuple[str, ...], docs_dir: str,
              folder: bool | None) -> str | None:
    """The first candidate that exists (a folder, a file, or either) outside the docs folder."""
    for candidate in candidates:
        if candidate == docs_dir or candidate.startswith(docs_dir + "/"):
            continue
        path = root / candidate
        if path.is_symlink():
            continue  # a symlink may lead out of the project: the user can name it on purpose
        if (folder is None and path.exists()) or (folder and path.is_dir()) or \
                (folder is False and path.is_file()):
            return candidate
    return None


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


def _list_indent(text: str) -> tuple[int, int]:
    """ruamel's (sequence, offset) matching how the file indents list items under a key."""
    match = re.search(r"^[A-Za-z_][\w-]*:[ \t]*(?:#.*)?\r?\n([ \t]*)- ", text, re.MULTILINE)
    offset = len(match.group(1)) if match else 2
    return offset + 2, offset
