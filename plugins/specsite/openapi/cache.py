"""A content-hash cache of what reading an API produced (findings and entities).

An entry is found by the hash of the root file's bytes and kept only while every file that went
into the API (``$ref``'d parts included) still has the hash it had: content, never mtimes, so
an entry is never stale. Writing the cache folder is the one thing reading may write.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.limits import current
from ..core.project import Project

#: bump when the shape of entries or the checks change without a version bump
FORMAT = 1


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_hash(path: Path) -> str | None:
    """The hash of a file's text as :func:`read_text` gives it (so it matches what was parsed)."""
    try:
        if path.stat().st_size > current().max_file_bytes:
            return None  # never read, so never cached
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return text_hash(text.replace("\r\n", "\n").replace("\r", "\n"))


class ReadCache:
    """Entries under ``folder``; ``None`` as folder disables caching.

    Paths in keys and entries are relative to the project root, so a CI cache restored into
    another checkout folder still hits.
    """

    def __init__(self, project: Project, folder: Path | None, settings: Any) -> None:
        self.project = project
        self.folder = folder
        self.settings = json.dumps(settings, sort_keys=True, default=str)

    def _key(self, root: Path, root_hash: str) -> str:
        text = f"{FORMAT}\n{__version__}\n{self.settings}\n{self.project.rel(root)}\n{root_hash}"
        return hashlib.sha256(text.encode()).hexdigest()

    def get(self, root: Path) -> dict | None:
        """The stored entry for ``root`` if every file in it is unchanged."""
        if self.folder is None:
            return None
        root_hash = file_hash(root)
        if root_hash is None:
            return None
        entry_path = self.folder / f"{self._key(root, root_hash)}.json"
        try:
            entry = json.loads(entry_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        for rel, digest in entry.get("files", {}).items():
            if file_hash(self.project.absolute(rel)) != digest:
                return None
        return entry

    def put(self, root: Path, texts: dict[str, str], entry: dict) -> None:
        """Store an entry atomically, keyed on the texts that were parsed (never on the files
        as they may be now); a failure to write only costs the next run its speed."""
        if self.folder is None or root.as_posix() not in texts:
            return
        root_hash = text_hash(texts[root.as_posix()])
        hashes = {self.project.rel(name): text_hash(text) for name, text in texts.items()}
        entry = {**entry, "files": hashes}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(entry, handle)
            os.replace(tmp, self.folder / f"{self._key(root, root_hash)}.json")
        except OSError:
            return
