"""Where a value sits in a PRD's front matter: file line and column of a key or list item."""

from __future__ import annotations

from typing import Sequence

from ..core.frontmatter import FrontMatter


class Positions:
    """File positions of paths like ``("requirements", 0, "priority")`` in parsed front matter."""

    def __init__(self, front_matter: FrontMatter | None = None) -> None:
        self.front_matter = front_matter or FrontMatter()

    def at(self, path: Sequence[str | int]) -> tuple[int, int | None]:
        """Line and column of the deepest key or item of ``path`` that exists.

        A path into a missing key stops at its parent, which is where the key must be added.
        """
        if self.front_matter.node is None:
            return 1, None
        return self.front_matter.position(path)

    def line(self, path: Sequence[str | int]) -> int:
        """Line of the deepest existing key or item of ``path``."""
        return self.at(path)[0]
