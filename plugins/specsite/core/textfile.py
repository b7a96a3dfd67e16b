"""Reading spec files as text without ever raising on bad content.

Binary, non-UTF-8, empty, unreadable and oversized (``limits.max_file_bytes``) files become
findings; the caller gets ``None`` back. Every read goes through :meth:`Project.read_bytes`, so a
file outside the project, a hidden one or one that is not a regular file is refused (``SPEC004``)
whichever kind asked for it.
"""

from __future__ import annotations

from pathlib import Path

from .findings import Finding
from .limits import current
from .project import Project, RefusedPathError
from .rules import EMPTY, LIMIT_HIT, OUTSIDE_ROOT, UNREADABLE


def read_text(project: Project, path: Path, findings: list[Finding]) -> str | None:
    """The file's text (BOM stripped, newlines normalised), or ``None`` with a finding appended."""
    rel = project.rel(path)
    most = current().max_file_bytes
    try:
        size = path.stat().st_size
        if size > most:
            findings.append(LIMIT_HIT.at(
                f"file not read: it has {size:,} bytes, more than {most:,} (limits.max_file_bytes)",
                rel))
            return None
        data = project.read_bytes(path)
    except RefusedPathError as exc:
        findings.append(OUTSIDE_ROOT.at(f"refused: {exc}", rel, 1))
        return None
    except OSError as exc:
        findings.append(UNREADABLE.at(f"cannot read file: {exc.strerror or exc}", rel))
        return None
    if not data.strip():
        findings.append(EMPTY.at("file is empty", rel, 1))
        return None
    if b"\x00" in data[:8192]:
        findings.append(UNREADABLE.at("file is binary, not text", rel, 1))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        findings.append(
            UNREADABLE.at(f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})", rel, line))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
