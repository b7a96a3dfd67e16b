"""Where a value sits in the front matter: file line and column of a key or list item, from the
line data ruamel.yaml's round-trip loader keeps on every mapping and sequence."""

from __future__ import annotations

from typing import Any, Sequence

#: the front matter starts on line 2 of the file (after ``---``); ruamel counts lines from 0
FRONT_MATTER_OFFSET = 2


class Positions:
    """File positions of paths like ``("requirements", 0, "priority")`` in parsed front matter."""

    def __init__(self, raw: Any, offset: int = FRONT_MATTER_OFFSET) -> None:
        self.raw = raw
        self.offset = offset

    def at(self, path: Sequence[str | int]) -> tuple[int, int | None]:
        """Line and column of the deepest key or item of ``path`` that exists (line 1 if none).

        A path into a missing key stops at its parent, which is where the key must be added.
        """
        node = self.raw
        line, column = 1, None
        for step in path:
            found = _step(node, step)
            if found is None:
                break
            (line0, col0), node = found
            line, column = line0 + self.offset, col0 + 1
        return line, column

    def line(self, path: Sequence[str | int]) -> int:
        """Line of the deepest existing key or item of ``path``."""
        return self.at(path)[0]


def _step(node: Any, step: str | int) -> tuple[tuple[int, int], Any] | None:
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if isinstance(node, dict) and step in node:
            return tuple(lc.key(step)), node[step]  # type: ignore[return-value]
        if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            return tuple(lc.item(step)), node[step]  # type: ignore[return-value]
    except (AttributeError, KeyError, TypeError, IndexError):
        return None
    return None
