"""Parsed spec files kept between ``mkdocs serve`` builds, by content: a save re-parses only the
files whose content changed (at 10,000 requirements, parsing every PRD's YAML again costs seconds).

A reader that parses one file into a value (a decision, a PRD document) asks :func:`parsed` for
it. Outside a serve session (``specsite check``, ``mkdocs build``) no memo is active and the parse
simply runs. Inside one, the value is kept with the findings the parse made, under the file's path,
the hash of its content and the limits in force; the same file unchanged gives the very same value
and the same findings back. Values are shared between builds, so what a parse returns is never
changed afterwards (the readers build it once; checks and pages only read it).
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from .findings import Finding
from .inputs import InputHashes
from .limits import current

T = TypeVar("T")


class FileMemo:
    """Parse results by (reader, path, content hash, limits)."""

    def __init__(self, inputs: InputHashes | None = None) -> None:
        self.inputs = inputs or InputHashes()
        self._kept: dict[tuple[str, str], tuple[str, Any, list[Finding]]] = {}
        #: parses run and values given back, over the session (for the log and the benchmark)
        self.parses = self.hits = 0

    def get(self, reader: str, path: Path, findings: list[Finding],
            parse: Callable[[list[Finding]], T]) -> T:
        """``parse``'s value for ``path``; its findings are added to ``findings``."""
        name = str(path)
        # the content hash is taken before the parse reads the file: a save in between leaves a
        # value filed under the old hash, which the next build does not match (never the reverse)
        key = self.inputs.file_digest(name) + "\0" + current().model_dump_json()
        kept = self._kept.get((reader, name))
        if kept is not None and kept[0] == key:
            self.hits += 1
            findings.extend(kept[2])
            return kept[1]
        own: list[Finding] = []
        value = parse(own)
        self.parses += 1
        self._kept[(reader, name)] = (key, value, list(own))
        findings.extend(own)
        return value


_ACTIVE: ContextVar[FileMemo | None] = ContextVar("specsite_file_memo", default=None)


@contextmanager
def remembering(memo: FileMemo | None) -> Iterator[None]:
    """Make ``memo`` the one :func:`parsed` uses while the block runs (``None``: parse always)."""
    token = _ACTIVE.set(memo)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def parsed(reader: str, path: Path, findings: list[Finding],
           parse: Callable[[list[Finding]], T]) -> T:
    """``parse(findings)`` for the file at ``path``, or the value kept for the same content.

    ``reader`` names the parse (two readers of one file keep separate values); ``parse`` appends
    its findings to the list it is given and reads nothing but ``path``.
    """
    memo = _ACTIVE.get()
    if memo is None:
        return parse(findings)
    return memo.get(reader, path, findings, parse)
