"""The project root and the sandbox every file read, listing and copy goes through.

Content from a pull request is untrusted: a ``$ref``, an ``!include``, a spec folder named in
``mkdocs.yml`` or a file found in such a folder must not make specsite read or publish anything
outside the project. :class:`Project` is the one place that decides: a path is refused when it
resolves outside every allowed root (symlinks included, at any depth), when a component of it is
hidden (``.git``, ``.env``: where CI keeps tokens), when it is not a regular file (a FIFO would
hang the read, a device would never end) or when it cannot be a path at all (a component over
255 bytes, a symlink loop). Paths a person types on the command line are trusted and widen the
sandbox to that folder.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

#: the longest file name POSIX file systems accept, in bytes (``NAME_MAX``)
NAME_MAX = 255


class RefusedPathError(ValueError):
    """A path specsite will not read or publish; the message says which and why."""


#: the name callers have always caught (every refusal, not only a path outside the root)
OutsideProjectError = RefusedPathError


class LeavesProjectError(RefusedPathError):
    """The refusal of a path that resolves outside every allowed root."""


@dataclass
class Listing:
    """What :meth:`Project.list_files` found: readable files, and entries it refused (why)."""

    files: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)


@dataclass
class Project:
    """The project root plus the extra folders the user named explicitly."""

    root: Path
    extra_roots: list[Path] = field(default_factory=list)
    #: the configuration file, relative to the root, for findings about configured paths
    config_file: str = "mkdocs.yml"

    def __post_init__(self) -> None:
        # resolved once, so a project reached through a symlinked folder compares by its real path
        self.root = Path(self.root).resolve()
        self.extra_roots = [Path(p).resolve() for p in self.extra_roots]

    def allow(self, path: Path | str) -> None:
        """Trust a folder the user named on the command line."""
        resolved = self.absolute(path).resolve()
        if not self._allowed_by(resolved):  # outside, or inside only through a hidden folder
            self.extra_roots.append(resolved)

    def absolute(self, path: Path | str) -> Path:
        """``path`` made absolute against the project root (not resolved, not checked)."""
        p = Path(path)
        return p if p.is_absolute() else self.root / p

    def confine(self, path: Path | str, base: Path | None = None) -> Path:
        """Resolve ``path`` (relative to ``base`` or the root); raise :class:`RefusedPathError`
        when it leaves the sandbox, names a hidden file or folder, or cannot be resolved."""
        p = self._joined(path, base)
        if any(len(os.fsencode(part)) > NAME_MAX for part in p.parts):
            raise RefusedPathError(f"{_short(self.rel(p))}: a path component is longer than "
                                   f"{NAME_MAX} bytes")
        try:
            resolved = p.resolve()
        except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError on a symlink loop
            raise RefusedPathError(f"{self.rel(p)} cannot be resolved (a symlink loop?)") from None
        hidden = self._hidden_part(p)
        if hidden is not None:
            raise RefusedPathError(f"{self.rel(p)} names the hidden {hidden!r}; hidden files and "
                                   f"folders are never read")
        roots = self._allowed_by(resolved)
        if roots is None:
            raise LeavesProjectError(f"{self.rel(p)} is outside the project root")
        if not roots:
            raise RefusedPathError(f"{self.rel(p)} leads into the hidden "
                                   f"{self._hidden_part(resolved)!r}; hidden files and folders "
                                   f"are never read")
        return resolved

    def confine_file(self, path: Path | str, base: Path | None = None) -> Path:
        """:meth:`confine`, and the target must be a regular file (not a FIFO, device,
        socket or folder); a file that does not exist raises :class:`FileNotFoundError`."""
        resolved = self.confine(path, base)
        if not stat.S_ISREG(resolved.lstat().st_mode):  # resolved: no symlink left to follow
            raise RefusedPathError(f"{self.rel(self._joined(path, base))} is not a regular file")
        return resolved

    def read_bytes(self, path: Path | str) -> bytes:
        """The bytes of a confined regular file. Opened without following a last symlink and
        without blocking, then checked on the open descriptor, so what is read is what was
        checked. Raises :class:`RefusedPathError`, or :class:`OSError` when it cannot be read."""
        resolved = self.confine(path)
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(resolved, flags | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise RefusedPathError(f"{self.rel(self._joined(path, None))} is not a regular file")
            return handle.read()

    def list_files(self, folder: Path | str, recursive: bool = True) -> Listing:
        """Every regular file under ``folder`` (which must be confined), sorted by path; only
        its own files when not ``recursive``.

        Hidden names are skipped; a symlink is followed only while it stays in the sandbox and
        out of hidden folders, otherwise it is refused, like a FIFO, socket or device. Paths keep
        the names found in the folder (a symlinked folder's files are listed under its name);
        a dangling symlink holds nothing to read and is skipped.
        """
        start = self.confine(folder)
        listing = Listing()
        seen = {start}
        stack = [(self._joined(folder, None), start)]
        while stack:
            shown, real = stack.pop()
            try:
                with os.scandir(real) as found:
                    entries = sorted(found, key=lambda e: e.name)
            except OSError as exc:
                listing.refused.append((shown, f"{self.rel(shown)} cannot be listed: "
                                               f"{exc.strerror or exc}"))
                continue
            for entry in entries:
                if _hidden(entry.name):
                    continue
                path = shown / entry.name
                try:
                    if entry.is_symlink():
                        target = self.confine(entry.path)
                        mode = target.lstat().st_mode
                    else:
                        target = Path(entry.path)
                        mode = entry.stat(follow_symlinks=False).st_mode
                except RefusedPathError as exc:
                    listing.refused.append((path, str(exc)))
                    continue
                except OSError:
                    continue  # a dangling symlink, or gone since it was listed
                if stat.S_ISDIR(mode):
                    if recursive and target not in seen:  # a symlinked folder is walked once (no cycles)
                        seen.add(target)
                        stack.append((path, target))
                elif stat.S_ISREG(mode):
                    listing.files.append(path)
                else:
                    listing.refused.append((path, f"{self.rel(path)} is not a regular file"))
        listing.files.sort()
        listing.refused.sort()
        return listing

    def _joined(self, path: Path | str, base: Path | None) -> Path:
        p = Path(path)
        return p if p.is_absolute() else (base or self.root) / p

    def _hidden_part(self, path: Path) -> str | None:
        """The first hidden name in ``path`` below the allowed root that holds it (the root's own
        folders do not count: a project may live in ``~/.local/src``)."""
        holding = [r for r in [self.root, *self.extra_roots] if path.is_relative_to(r)]
        if not holding:
            return None
        root = max(holding, key=lambda r: len(r.parts))
        return next((p for p in path.relative_to(root).parts if _hidden(p)), None)

    def _allowed_by(self, resolved: Path) -> list[Path] | None:
        """The allowed roots under which ``resolved`` has no hidden part; ``None`` when no root
        contains it at all (an empty list: it is inside, but only through a hidden folder)."""
        containing = [r for r in [self.root, *self.extra_roots]
                      if resolved == r or r in resolved.parents]
        if not containing:
            return None
        return [r for r in containing
                if not any(_hidden(p) for p in resolved.relative_to(r).parts)]

    def rel(self, path: Path | str) -> str:
        """A path as reports show it: POSIX, relative to the project root (``..`` if outside)."""
        p = Path(path)
        if not p.is_absolute():
            p = self.root / p
        if not p.is_relative_to(self.root):
            # a project reached through a symlinked folder: name the file by its real folder
            real = Path(os.path.realpath(p.parent)) / p.name
            p = real if real.is_relative_to(self.root) else p
        try:
            return p.relative_to(self.root).as_posix()
        except ValueError:
            return Path(os.path.relpath(p, self.root)).as_posix()


def _hidden(part: str) -> bool:
    """A dotfile or dot-folder name (``.`` and ``..`` are navigation, not names)."""
    return part.startswith(".") and part not in (".", "..")


def _short(text: str) -> str:
    """A path shortened for a message (a 300-byte name would drown the rest)."""
    return text if len(text) <= 120 else f"{text[:60]}...{text[-40:]}"
