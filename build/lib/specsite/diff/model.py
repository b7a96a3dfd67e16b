"""The change model: one :class:`Change` per thing a reviewer should see, each with a stable
code from :data:`CHANGES` (a namespace of its own, separate from the finding rule codes)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping


class Level(str, enum.Enum):
    """How much a change matters to a reviewer; ``breaking`` fails ``specsite diff`` by default."""

    BREAKING = "breaking"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"breaking": 0, "warning": 1, "info": 2}[self.value]


ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class ChangeCode:
    """A change code: stable id, default level, the kind it belongs to and what it means."""

    code: str
    level: Level
    kind: str
    summary: str


class ChangeCatalogue:
    """Every change code, by id; docs/reference/diff.md lists them."""

    def __init__(self) -> None:
        self.codes: dict[str, ChangeCode] = {}

    def define(self, code: str, level: str, kind: str, summary: str) -> ChangeCode:
        """Register a code once (module import time)."""
        if code in self.codes:
            raise ValueError(f"change code {code} defined twice")
        self.codes[code] = ChangeCode(code, Level(level), kind, summary)
        return self.codes[code]

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def sorted(self) -> list[ChangeCode]:
        """Codes by kind, then id."""
        return sorted(self.codes.values(), key=lambda c: (c.kind, c.code))


#: The single catalogue; each comparer module defines its codes into it at import time.
CHANGES = ChangeCatalogue()


@dataclass(frozen=True)
class Place:
    """Where something is written on one side: a project-relative file and a line."""

    file: str | None
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.file and self.line else (self.file or "")

    def to_dict(self) -> dict[str, Any]:
        """``{"file", "line"}``."""
        return {"file": self.file, "line": self.line}


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: a dotted ``path`` with its value on each side (None: absent)."""

    path: str
    before: Any = None
    after: Any = None

    def to_dict(self) -> dict[str, Any]:
        """``{"path", "before", "after"}``."""
        return {"path": self.path, "before": self.before, "after": self.after}


@dataclass
class Change:
    """Something a change does to the specs, located on both sides."""

    code: str
    level: Level
    kind: str
    entity: str
    change: str
    message: str
    title: str = ""
    fields: list[FieldChange] = field(default_factory=list)
    base: Place | None = None
    head: Place | None = None
    #: entities that link to the changed one (on either side): to review
    impacted: list[str] = field(default_factory=list)
    #: the page of the entity in the site (head side, else base), for links from reports
    page: str | None = None

    def sort_key(self) -> tuple:
        return (self.level.rank, self.kind, self.entity, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of a change (docs/reference/diff.md)."""
        return {
            "kind": self.kind,
            "entity": self.entity,
            "title": self.title,
            "change": self.change,
            "code": self.code,
            "level": self.level.value,
            "message": self.message,
            "fields": [f.to_dict() for f in self.fields],
            "base": self.base.to_dict() if self.base else None,
            "head": self.head.to_dict() if self.head else None,
            "impacted": list(self.impacted),
            "page": self.page,
        }


def make(code: ChangeCode, entity: str, change: str, message: str, *, title: str = "",
         fields: Iterable[FieldChange] = (), base: Place | None = None,
         head: Place | None = None, kind: str | None = None, page: str | None = None) -> Change:
    """A change of ``code`` at its default level."""
    return Change(code.code, code.level, kind or code.kind, entity, change, message, title,
                  list(fields), base, head, page=page)


def apply_levels(changes: Iterable[Change], overrides: Mapping[str, str]) -> list[Change]:
    """Per-code level overrides (``breaking|warning|info|off``); sorted, most severe first."""
    out = []
    for c in changes:
        wanted = overrides.get(c.code)
        if wanted == "off":
            continue
        if wanted:
            c = replace(c, level=Level(wanted))
        out.append(c)
    return sorted(out, key=Change.sort_key)


def counts(changes: Iterable[Change]) -> dict[str, int]:
    """Number of changes per level, all three keys always present."""
    result = {level.value: 0 for level in Level}
    for c in changes:
        result[c.level.value] += 1
    return result
