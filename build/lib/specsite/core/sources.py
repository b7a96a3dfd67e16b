"""The spec paths a configuration names, confined to the project before anything is read."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from .findings import Finding
from .project import OutsideProjectError, Project
from .rules import MISSING_SOURCE, OUTSIDE_ROOT


def configured_paths(project: Project, values: list[str], what: str, findings: list[Finding],
                     expect: Literal["dir", "file", "any"]) -> list[Path]:
    """Each configured path resolved inside the project; one that leaves it (symlinks included)
    or does not exist as ``expect`` says becomes a finding instead."""
    paths = []
    for value in values:
        try:
            path = project.confine(value)
        except OutsideProjectError as exc:
            findings.append(OUTSIDE_ROOT.at(f"{what} {value!r}: {exc}", project.config_file))
            continue
        exists = {"dir": path.is_dir(), "file": path.is_file(), "any": path.exists()}[expect]
        if not exists:
            findings.append(MISSING_SOURCE.at(f"{what} {value!r} does not exist", project.rel(path)))
            continue
        paths.append(path)
    return paths
