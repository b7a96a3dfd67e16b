"""A content-hash cache of what reading an API produced (findings and entities).

An entry is found by the hash of the root file's bytes (with specsite's version and the settings
that change a read) and kept only while every file that went into the API (``$ref``'d parts
included) still has the hash it had: content, never mtimes, so an entry is never stale.

An entry holds findings, so a forged one could hide them: the cache folder may be committed, or
restored from a CI cache a pull request wrote to. Every entry is therefore signed (HMAC-SHA256)
with a key that is never in the repository (``SPECSITE_CACHE_KEY``, or a random key made once in
the user's cache folder); an entry whose signature does not match is a miss, so a cache can make
a run faster and never change its result (ADR-0016). Writing the cache folder (and that key) is
the one thing reading may write.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
import tempfile
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.limits import current
from ..core.project import OutsideProjectError, Project

#: bump when the shape of entries or the checks change without a version bump
FORMAT = 2
#: the environment variable that holds the signing key (a CI secret, for a cache shared by runs)
KEY_VARIABLE = "SPECSITE_CACHE_KEY"


def text_hash(text: str) -> str:
    """The hash of a file's text as :func:`~specsite.core.textfile.read_text` gives it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_hash(path: Path, project: Project | None = None) -> str | None:
    """The hash of a file's text as :func:`read_text` gives it (so it matches what was parsed);
    read through ``project``'s sandbox when given."""
    try:
        if path.stat().st_size > current().max_file_bytes:
            return None  # never read, so never cached
        data = project.read_bytes(path) if project is not None else path.read_bytes()
        text = data.decode("utf-8-sig")
    except (OSError, OutsideProjectError, UnicodeDecodeError):
        return None
    return text_hash(text.replace("\r\n", "\n").replace("\r", "\n"))


def signing_key() -> bytes | None:
    """The key entries are signed with: ``SPECSITE_CACHE_KEY``, else a random key kept in the
    user's cache folder (made on first use, readable by the user only); ``None`` when there is
    neither (the cache is then off)."""
    value = os.environ.get(KEY_VARIABLE)
    if value:
        return value.encode("utf-8")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "specsite" / "cache-key"
    try:
        return _read_regular(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_hex(32).encode("ascii"))
        return _read_regular(path)
    except OSError:
        return None


class ReadCache:
    """Entries under ``folder``; ``None`` as folder disables caching.

    Paths in keys and entries are relative to the project root, so a CI cache restored into
    another checkout folder still hits.
    """

    def __init__(self, project: Project, folder: Path | None, settings: Any) -> None:
        self.project = project
        self.folder = folder
        # the folders named on the command line change what a $ref may reach, so a read's result
        settings = {"settings": settings, "roots": [project.rel(r) for r in project.extra_roots]}
        self.settings = json.dumps(settings, sort_keys=True, default=str)
        self._key: bytes | None = None

    def _name(self, root: Path, root_hash: str) -> str:
        text = f"{FORMAT}\n{__version__}\n{self.settings}\n{self.project.rel(root)}\n{root_hash}"
        return hashlib.sha256(text.encode()).hexdigest() + ".json"

    def _signing_key(self) -> bytes | None:
        if self._key is None:
            self._key = signing_key() or b""
        return self._key or None

    def _signature(self, key: bytes, name: str, body: bytes) -> bytes:
        return hmac.new(key, name.encode("ascii") + b"\n" + body, hashlib.sha256).hexdigest().encode()

    def get(self, root: Path) -> dict | None:
        """The stored entry for ``root`` if it is authentic and every file in it is unchanged."""
        if self.folder is None:
            return None
        root_hash = file_hash(root, self.project)
        key = self._signing_key()
        if root_hash is None or key is None:
            return None
        name = self._name(root, root_hash)
        try:
            signature, _, body = _read_regular(self.folder / name).partition(b"\n")
        except OSError:
            return None
        if not hmac.compare_digest(signature, self._signature(key, name, body)):
            return None  # forged, or signed with another key: a miss, never a result
        try:
            entry = json.loads(body)
        except ValueError:
            return None
        if not isinstance(entry, dict) or not isinstance(entry.get("files"), dict):
            return None
        for rel, digest in entry["files"].items():
            if file_hash(self.project.absolute(rel), self.project) != digest:
                return None
        return entry

    def put(self, root: Path, texts: dict[str, str], entry: dict) -> None:
        """Store a signed entry atomically, keyed on the texts that were parsed (never on the
        files as they may be now); a failure to write only costs the next run its speed."""
        if self.folder is None or root.as_posix() not in texts:
            return
        key = self._signing_key()
        if key is None:
            return
        name = self._name(root, text_hash(texts[root.as_posix()]))
        hashes = {self.project.rel(file): text_hash(text) for file, text in texts.items()}
        body = json.dumps({**entry, "files": hashes}, sort_keys=True).encode("utf-8")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(self._signature(key, name, body) + b"\n" + body)
            os.replace(tmp, self.folder / name)
        except OSError:
            return


def _read_regular(path: Path) -> bytes:
    """A file's bytes, refusing a symlink or anything but a regular file (``OSError``)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        return handle.read()
