r"""ATX headings (``## Title ##``) of Markdown, read in linear time.

The regex everyone writes first, ``^(#{1,6})\s+(.+?)\s*#*\s*$``, backtracks cubically on a line
of blanks: two thousand spaces cost it half a minute. The same reading, done with string methods.
"""

from __future__ import annotations

from typing import Iterable


def atx_heading(line: str) -> tuple[int, str] | None:
    """``(level, text)`` of a heading line, ``None`` for any other line. The text loses the blanks
    around it and a closing run of ``#`` (``# C#`` reads ``C``, as the regex above reads it)."""
    hashes = len(line) - len(line.lstrip("#"))
    rest = line[hashes:]
    if not 1 <= hashes <= 6 or not rest[:1].isspace():
        return None
    content = rest.lstrip()
    if not content:
        return (hashes, rest[-1:]) if len(rest) > 1 else None
    closing = len(content) - len(content.rstrip().rstrip("#").rstrip())
    return hashes, content[:max(1, len(content) - closing)]


def first_heading(lines: Iterable[str], level: int | None = None) -> tuple[int, str] | None:
    """The first heading among ``lines`` (of ``level`` when given)."""
    for line in lines:
        heading = atx_heading(line)
        if heading is not None and (level is None or heading[0] == level):
            return heading
    return None
