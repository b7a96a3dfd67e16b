"""The ADR as read from a file, before it becomes a graph entity."""

from __future__ import annotations

from dataclasses import dataclass, field

STANDARD_STATUSES = ("draft", "proposed", "accepted", "rejected", "deprecated", "superseded")

#: adr-tools writes "Supercedes" / "Superceded by"; both mean the standard spelling.
SPELLINGS = {"supercedes": "supersedes", "superceded": "superseded"}


@dataclass
class StatedLink:
    """A link as the file states it: relation (``supersedes``, ``amended-by``...) and raw target."""

    rel: str
    raw: str
    href: str | None
    line: int


@dataclass
class Decision:
    """One decision record as read from its file."""

    id: str
    file: str
    path_name: str
    number: int | None
    heading_number: int | None
    title: str | None
    title_line: int
    status: str | None
    status_line: int | None
    date: str | None
    date_raw: str | None
    date_line: int | None
    people: dict[str, list[str]] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    links: list[StatedLink] = field(default_factory=list)
    #: architecture elements the decision names in front matter (``c4: [shop.checkout]``), with line
    elements: list[tuple[str, int]] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    format: str = "nygard"
    body: str = ""
    body_line: int = 1
    content_hash: str = ""


def rel_name(words: str) -> str:
    """``Superceded by`` -> ``superseded-by``; ``Amends`` -> ``amends``."""
    parts = [SPELLINGS.get(w, w) for w in words.strip().lower().split()]
    return "-".join(parts)


def is_pair(rel_a: str, rel_b: str) -> bool:
    """True when two relations are the halves of one ``X`` / ``X by`` pair (amends, amended-by)."""
    if rel_a.endswith("-by") == rel_b.endswith("-by"):
        return False
    a, b = rel_a.removesuffix("-by"), rel_b.removesuffix("-by")
    common = len(next((a[:i] for i in range(min(len(a), len(b)), 0, -1) if a[:i] == b[:i]), ""))
    return common >= min(len(a), len(b)) - 2 and common >= 3


def label(rel: str) -> str:
    """``superseded-by`` -> ``Superseded by``."""
    return rel.replace("-", " ").capitalize()
