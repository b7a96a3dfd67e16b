"""The project root and the sandbox every file read goes through.

Content from a pull request is untrusted: a ``$ref``, an ``!include`` or a spec folder named in
``mkdocs.yml`` must not read outside the project (symlinks included). Paths a person types on the
command line are trusted and widen the sandbox to that folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


class OutsideProjectError(ValueError):
    """A path resolves outside every allowed root."""


class UnusablePathError(OutsideProjectError):
    """A path no file can have (a part longer than file systems allow): refused like one outside,
    since asking the file system about it raises instead of answering."""


#: the longest file or folder name (in bytes) of common file systems
NAME_MAX = 255


@dataclass
class Project:
    """The project root plus the extra folders the user named explicitly."""

    root: Path
    extra_roots: list[Path] = field(default_factory=list)
    #: the configuration file, relative to the root, for findings about configured paths
    config_file: str = "mkdocs.yml"

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()
        self.extra_roots = [Path(p).resolve() for p in self.extra_roots]

    def allow(self, path: Path | str) -> None:
        """Trust a folder the user named on the command line."""
        resolved = self.absolute(path).resolve()
        if not self._inside_allowed(resolved):
            self.extra_roots.append(resolved)

    def absolute(self, path: Path | str) -> Path:
        """``path`` made absolute against the project root (not resolved, not checked)."""
        p = Path(path)
        return p if p.is_absolute() else self.root / p

    def confine(self, path: Path | str, base: Path | None = None) -> Path:
        """Resolve ``path`` (relative to ``base`` or the root) and refuse it outside the sandbox."""
        p = Path(path)
        long_part = next((part for part in p.parts if len(part.encode("utf-8", "replace")) > NAME_MAX), None)
        if long_part is not None:
            raise UnusablePathError(f"a part of the path ({long_part[:24]}...) is longer than "
                                    f"{NAME_MAX} bytes: no file has such a name")
        if not p.is_absolute():
            p = (base or self.root) / p
        resolved = p.resolve()
        if not self._inside_allowed(resolved):
            raise OutsideProjectError(f"{self.rel(p)} is outside the project root")
        return resolved

    def _inside_allowed(self, resolved: Path) -> bool:
        return any(resolved == r or r in resolved.parents for r in [self.root, *self.extra_roots])

    def rel(self, path: Path | str) -> str:
        """A path as reports show it: POSIX, relative to the project root (``..`` if outside)."""
        p = Path(path)
        if not p.is_absolute():
            p = self.root / p
        try:
            return p.relative_to(self.root).as_posix()
        except ValueError:
            return Path(os.path.relpath(p, self.root)).as_posix()
