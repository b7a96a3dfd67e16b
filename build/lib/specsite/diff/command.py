"""``specsite diff``: choose and read the two sides, compare them, render the report.

Exit codes: 0 no change at or above ``--fail-on``; 1 at least one; 2 a usage or configuration
problem (not a git repository, unknown revision, an export that is not one).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..core.pipeline import load_specs
from ..settings import SettingsError, load_settings
from .compare import DiffReport, compare
from .model import Level
from .render import RENDERERS
from .revisions import (RevisionError, commit_date, default_base, extract, repository_root,
                        resolve)
from .snapshot import Snapshot, SnapshotError

FAIL_ON = ("breaking", "warning", "never")


class DiffUsageError(Exception):
    """Exit code 2, with a message that names the side."""


@dataclass
class Request:
    """What ``specsite diff`` was asked."""

    base: str | None = None
    head: str | None = None
    base_export: str | None = None
    head_export: str | None = None
    config_file: str | None = None
    overrides: dict[str, list[str]] | None = None
    fail_on: str = "breaking"
    fmt: str = "text"
    site_url: str | None = None
    #: ``YYYY-MM-DD`` date-bound checks compare with (default: HEAD's commit date)
    as_of: str | None = None


def run(request: Request, cwd: Path) -> tuple[DiffReport, str, int]:
    """The report, its rendering and the exit code (raises :class:`DiffUsageError`)."""
    overrides = request.overrides or {}
    repo = None
    base_note = ""
    with tempfile.TemporaryDirectory(prefix="specsite-diff-") as tmp:
        try:
            if request.base_export:
                base = _from_export(request.base_export, "base", cwd)
            else:
                repo = repository_root(cwd)
                head_rev = request.head or "HEAD"
                if request.base:
                    commit = resolve(repo, request.base)
                    base_note = ""
                    base_name = request.base
                else:
                    chosen = default_base(repo, resolve(repo, head_rev) and head_rev)
                    commit, base_note, base_name = chosen.commit, chosen.note, chosen.commit[:12]
                base = _from_revision("base", repo, commit, base_name, cwd, request, Path(tmp) / "base")
            if request.head_export:
                head = _from_export(request.head_export, "head", cwd)
            elif request.head:
                repo = repo or repository_root(cwd)
                commit = resolve(repo, request.head)
                head = _from_revision("head", repo, commit, request.head, cwd, request, Path(tmp) / "head")
            else:
                head = _from_tree("head", cwd, request.config_file, overrides)
        except (RevisionError, SnapshotError) as exc:
            raise DiffUsageError(str(exc)) from None
        as_of, as_of_note = _as_of(request, cwd, repo)
    levels = _levels(cwd, request)
    report = compare(base, head, levels, as_of, as_of_note)
    report.base_note = base_note
    text = RENDERERS[request.fmt](report, request.site_url)
    return report, text, exit_code(report, request.fail_on)


def read_revision(root: Path, revision: str, label: str = "base",
                  config_file: str | None = None) -> Snapshot:
    """One side read from ``revision`` of the git repository holding ``root`` (the same
    sub-folder, that revision's own configuration file), as ``specsite diff`` reads it; raises
    :class:`DiffUsageError` naming the side."""
    try:
        repo = repository_root(root)
        commit = resolve(repo, revision)
        with tempfile.TemporaryDirectory(prefix="specsite-diff-") as tmp:
            return _from_revision(label, repo, commit, revision, root, Request(config_file=config_file),
                                  Path(tmp) / label)
    except (RevisionError, SnapshotError) as exc:
        raise DiffUsageError(f"{label}: {exc}") from None


def head_date(root: Path) -> tuple[dt.date | None, str]:
    """The day date-bound checks compare with when HEAD is the working tree of ``root``: the
    committer date of the commit it is on, and that explanation."""
    return _as_of(Request(), root, None)


def _as_of(request: Request, cwd: Path, repo: Path | None) -> tuple[dt.date | None, str]:
    """The day sunset dates are compared with: ``--as-of``, else the committer date of the HEAD
    side's commit (for the working tree, of the commit it is on); never today's date, so a
    report does not change with the day it is run."""
    if request.as_of:
        try:
            return dt.date.fromisoformat(request.as_of.strip()), "--as-of"
        except ValueError:
            raise DiffUsageError(f"--as-of {request.as_of!r} is not a date (YYYY-MM-DD)") from None
    if request.head_export:
        return None, "no date: the head side is an export; pass --as-of"
    name = request.head or "HEAD"
    try:
        repo = repo or repository_root(cwd)
        day = commit_date(repo, resolve(repo, name))
    except RevisionError:
        return None, "no date: the working tree has no commit; pass --as-of"
    where = f"committer date of {name}" if request.head else "committer date of HEAD (head is the working tree)"
    return day, where


def exit_code(report: DiffReport, fail_on: str) -> int:
    """1 when a change is at or above ``fail_on`` (``never``: always 0)."""
    if fail_on == "never":
        return 0
    worst = Level(fail_on).rank
    return 1 if any(c.level.rank <= worst for c in report.changes) else 0


def _levels(cwd: Path, request: Request) -> dict[str, str]:
    """The ``diff_levels`` option of the working tree's configuration (none without one)."""
    try:
        settings = load_settings(request.config_file, {}, cwd)
    except SettingsError:
        return {}
    return dict(settings.config.diff_levels)


def _from_export(path: str, label: str, cwd: Path) -> Snapshot:
    file = Path(path) if Path(path).is_absolute() else cwd / path
    try:
        doc = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DiffUsageError(f"{label}: export file {path} does not exist") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise DiffUsageError(f"{label}: {path}: not a JSON export: {exc}") from None
    try:
        return Snapshot.from_export(doc, label, f"export {path}")
    except SnapshotError as exc:
        raise DiffUsageError(f"{label}: {path}: {exc}") from None


def _from_tree(label: str, cwd: Path, config_file: str | None, overrides: dict[str, list[str]],
               source: str = "working tree") -> Snapshot:
    try:
        settings = load_settings(config_file, overrides, cwd)
    except SettingsError as exc:
        raise DiffUsageError(f"{label} ({source}): {exc}") from None
    specs = load_specs(settings.project, settings.config, settings.docs_dir)
    return Snapshot.from_specs(specs, label, source)


def _from_revision(label: str, repo: Path, commit: str, name: str, cwd: Path, request: Request,
                   dest: Path) -> Snapshot:
    """A side read from ``commit``'s tree, written to ``dest``, from the same sub-folder."""
    try:
        prefix = cwd.resolve().relative_to(repo).as_posix()
    except ValueError:
        prefix = ""
    prefix = "" if prefix == "." else prefix
    dest.mkdir(parents=True)
    extract(repo, commit, dest, prefix)
    where = dest / prefix if prefix else dest
    where.mkdir(parents=True, exist_ok=True)
    overrides = {key: [_inside(v, cwd, where) for v in values]
                 for key, values in (request.overrides or {}).items()}
    source = f"revision {name}" + (f" ({commit[:12]})" if not commit.startswith(name) else "")
    config_file = request.config_file
    if config_file and not (where / config_file).is_file() and not Path(config_file).is_absolute():
        return Snapshot.from_export({"version": 1, "entities": []}, label,
                                    f"{source}, which has no {config_file}")
    if config_file and Path(config_file).is_absolute():
        config_file = _inside(config_file, cwd, where)
    return _from_tree(label, where, config_file, overrides, source)


def _inside(value: str, cwd: Path, where: Path) -> str:
    """A path typed on the command line, moved into the extracted tree when it points into the
    working tree (relative ones already do)."""
    path = Path(value)
    if not path.is_absolute():
        return value
    try:
        return str(where / path.resolve().relative_to(cwd.resolve()))
    except ValueError:
        return value
