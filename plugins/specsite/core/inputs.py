"""One hash of everything the pipeline reads, so a rebuild whose inputs did not change can keep the
previous run's results (``mkdocs serve`` saves that changed nothing in the specs).

Each file's content is hashed (an editor's save without a change keeps the hash); the file's
size and modification time only decide whether it must be read again to know. Like the readers,
the walk skips hidden files and folders and symlinks that lead outside the project.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable

from .project import Project


class InputHashes:
    """Content hashes of input files, remembered between calls by (size, mtime)."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[int, int, str]] = {}
        #: within one build: each folder walked once, each file looked at once (a build asks for
        #: the whole inputs' hash and then each kind's)
        self._walked: dict[str, list[str]] = {}
        self._seen: dict[str, str] = {}
        self._rel: dict[tuple[Path, str], str] = {}

    def new_build(self) -> None:
        """A build begins: files and folders are looked at again."""
        self._walked, self._seen = {}, {}

    def digest(self, project: Project, roots: Iterable[Path | str], extra: str = "") -> str:
        """A hash of the names and contents of every file under ``roots`` (files or folders)
        plus ``extra`` (the options, say): equal digests, equal inputs."""
        files: set[str] = set()
        for root in roots:
            path = project.absolute(root)
            if path.is_dir():
                key = str(path)
                if key not in self._walked:
                    self._walked[key] = list(_walk(project, path))
                files.update(self._walked[key])
            elif path.is_file() and _inside(project, path):
                files.add(str(path))
        total = hashlib.sha256(extra.encode("utf-8"))
        for name in sorted(files):
            rel = self._rel.get((project.root, name))
            if rel is None:
                rel = self._rel[(project.root, name)] = project.rel(name)
            total.update(f"\0{rel}\0{self.file_digest(name)}".encode("utf-8"))
        return total.hexdigest()

    def file_digest(self, name: str) -> str:
        """The hash of one file's content (``missing``, ``unreadable``), read again only when its
        size or modification time changed."""
        seen = self._seen.get(name)
        if seen is not None:
            return seen
        self._seen[name] = digest = self._digest(name)
        return digest

    def _digest(self, name: str) -> str:
        try:
            stat = os.stat(name)
        except OSError:
            return "missing"
        known = self._known.get(name)
        if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
            return known[2]
        try:
            with open(name, "rb") as handle:
                digest = hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            digest = "unreadable"
        self._known[name] = (stat.st_size, stat.st_mtime_ns, digest)
        return digest


def _inside(project: Project, path: Path) -> bool:
    try:
        project.confine(path)
    except ValueError:
        return False
    return True


def _walk(project: Project, folder: Path) -> Iterable[str]:
    if not _inside(project, folder):
        return
    for base, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not os.path.islink(os.path.join(base, d)))
        for name in names:
            path = os.path.join(base, name)
            if not name.startswith(".") and (not os.path.islink(path) or _inside(project, Path(path))):
                yield path
