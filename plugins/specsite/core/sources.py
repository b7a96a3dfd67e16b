"""The spec paths a configuration names and the files in spec folders, confined to the project
before anything is read (see :class:`~specsite.core.project.Project`)."""

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


def spec_files(project: Project, folder: Path, findings: list[Finding]) -> list[Path]:
    """The regular files under a spec folder (sorted; hidden names skipped). An entry that is
    refused (a symlink out of the project or into a hidden folder, a FIFO, a device) becomes a
    finding on that entry instead."""
    try:
        listing = project.list_files(folder)
    except OutsideProjectError as exc:
        findings.append(OUTSIDE_ROOT.at(str(exc), project.rel(folder), 1))
        return []
    for path, reason in listing.refused:
        findings.append(OUTSIDE_ROOT.at(f"refused: {reason}", project.rel(path), 1))
    return listing.files
