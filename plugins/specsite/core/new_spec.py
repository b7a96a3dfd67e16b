"""What every ``specsite new`` of a numbered spec shares (PRD, runbook, debt item): the folder it
goes in, the next number, and one all-or-nothing write whose failures are sentences."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .atomic import NotWritableError, write_atomic
from .project import OutsideProjectError, Project


class WriteError(Exception):
    """The command cannot do what was asked (no folder, a file already there, read-only...);
    nothing was written."""


def first_folder(project: Project, folders: list[str], what: str, option: str) -> Path:
    """The first configured folder, where a new spec goes (created by the write if missing);
    ``what`` names it in the message ('PRD folder'), ``option`` is the option and flag."""
    if not folders:
        raise WriteError(f"no {what}: configure '{option}' in mkdocs.yml or pass "
                         f"--{option} DIR")
    try:
        return project.confine(folders[0])
    except OutsideProjectError as exc:
        raise WriteError(str(exc)) from None


def next_number(documents: Iterable[Any]) -> int:
    """One more than the highest number in use across ``documents`` (1 for the first)."""
    return max((d.number for d in documents if d.number is not None), default=0) + 1


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def write_new(project: Project, path: Path, text: str, inputs: str = "title") -> str:
    """Write a new file (never over one); returns its path relative to the project root.
    ``inputs`` names what came from the command line, for a text that is not valid UTF-8."""
    if path.exists():
        raise WriteError(f"{project.rel(path)} already exists")
    try:
        write_atomic(path, text)
    except NotWritableError as exc:
        raise WriteError(f"{project.rel(exc.path)} {exc.reason}; nothing was written") from None
    except UnicodeEncodeError:
        # a title or owner from a command line that is not UTF-8 arrives with surrogate escapes
        raise WriteError(f"the {inputs} is not valid UTF-8; nothing was written") from None
    except OSError as exc:
        raise WriteError(f"cannot write {project.rel(path)}: {exc.strerror or exc}") from None
    return project.rel(path)
