"""Findings before they have a line: a rule, a message and a JSON pointer into one document.

Checks work on data, not text. They report :class:`Issue` values; :func:`locate` turns them into
findings, computing line numbers only for the documents that have issues.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from ..core.findings import Finding, Rule

if TYPE_CHECKING:
    from .documents import Document


@dataclass(frozen=True)
class Issue:
    """Something wrong at ``pointer`` in the document ``uri`` (line known only for parse errors)."""

    rule: Rule
    message: str
    uri: str
    pointer: tuple = ()
    entity: str | None = None
    line: int | None = None
    column: int | None = None


def locate(
    issues: Iterable[Issue],
    documents: dict[str, "Document"],
    also: dict[str, set[tuple]] | None = None,
    rel_of: Callable[[str], str] = str,
) -> tuple[list[Finding], dict[str, dict[tuple, tuple[int, int]]]]:
    """Findings with file, line and column, plus the positions of the ``also`` pointers.

    Only documents with issues (or ``also`` pointers) are scanned, each once.
    """
    from .positions import positions

    issues = list(issues)
    wanted: dict[str, set[tuple]] = {uri: set(p) for uri, p in (also or {}).items()}
    for issue in issues:
        if issue.line is None and issue.uri in documents:
            wanted.setdefault(issue.uri, set()).add(issue.pointer)
    found = {uri: positions(documents[uri], pointers) for uri, pointers in wanted.items()}
    out = []
    for issue in issues:
        line, column = issue.line, issue.column
        if line is None and issue.uri in found:
            line, column = found[issue.uri].get(issue.pointer, (None, None))
        rel = documents[issue.uri].rel if issue.uri in documents else rel_of(issue.uri)
        out.append(issue.rule.at(issue.message, rel, line, column, issue.entity))
    return out, found
