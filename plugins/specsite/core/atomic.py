"""Writing files all or nothing, so a failed or interrupted command never leaves half an edit.

Every file is first checked (a read-only file or folder is refused before anything is written),
then written to a temporary file beside it, then renamed over its target; when a rename fails,
the targets already replaced get their old bytes back and new files are removed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Sequence


class NotWritableError(Exception):
    """A target (or its folder) cannot or must not be written; nothing was written."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path} {reason}")
        self.path = path
        self.reason = reason


def _writable(path: Path) -> bool:
    # the mode bits as well as os.access: root may write anything, but a file or folder someone
    # made read-only is a decision the command must respect, not override
    return bool(stat.S_IMODE(path.stat().st_mode) & 0o222) and os.access(path, os.W_OK)


def check_writable(path: Path) -> None:
    """Raise :class:`NotWritableError` unless ``path`` can be created or replaced."""
    if path.is_symlink() or path.exists():
        if not path.is_file() or path.is_symlink():
            raise NotWritableError(path, "is not a regular file")
        if not _writable(path):
            raise NotWritableError(path, "is read-only")
    folder = path.parent
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir():
        raise NotWritableError(folder, "is not a folder")
    if not _writable(folder) or not os.access(folder, os.X_OK):
        raise NotWritableError(folder, "is a read-only folder")


def _temporary(path: Path, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_all(changes: Sequence[tuple[Path, bytes]]) -> None:
    """Create or replace every ``(path, bytes)`` or, on any failure, none of them.

    Raises :class:`NotWritableError` (before writing) or the ``OSError`` that stopped the write
    (after undoing what was done).
    """
    for path, _ in changes:
        check_writable(path)
    originals = {path: path.read_bytes() if path.exists() else None for path, _ in changes}
    temps: list[tuple[Path, str]] = []
    replaced: list[Path] = []
    try:
        for path, data in changes:
            path.parent.mkdir(parents=True, exist_ok=True)
            temps.append((path, _temporary(path, data)))
        for path, tmp in temps:
            os.replace(tmp, path)
            replaced.append(path)
    except BaseException:
        for path in reversed(replaced):
            _restore(path, originals[path])
        for _, tmp in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise


def _restore(path: Path, original: bytes | None) -> None:
    """Undo one replacement (best effort: the error that caused the undo is what gets reported)."""
    with contextlib.suppress(OSError):
        if original is None:
            path.unlink()
        else:
            os.replace(_temporary(path, original), path)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) to ``path`` via a temporary file and a rename."""
    write_all([(path, text.encode("utf-8"))])
