""""Did you mean ...?" for an unknown ID, a rule code or an option, when a close match exists.

Comparing an unknown reference with every ID of a large graph costs far too much (difflib on a
few thousand IDs that share long prefixes takes a fifth of a second per reference), so the
candidates are the IDs of the same family (the same API's operations, the C4 elements, the
decisions...) that sort next to it, forwards and backwards: a typo near the end keeps the prefix,
one near the start keeps the suffix. Families are sorted once (n log n); each suggestion then
costs a binary search and :data:`WINDOW` comparisons, and a run computes at most
:data:`MAX_SUGGESTIONS` of them.
"""

from __future__ import annotations

import bisect
import difflib
import re
from typing import Iterable

#: suggestions computed per run (each compares with one family of IDs)
MAX_SUGGESTIONS = 200
#: how alike a suggestion must be (difflib ratio)
CUTOFF = 0.75
#: neighbours compared on each side, in each of the two sort orders
WINDOW = 12

_NUMBERED = re.compile(r"^([A-Z]+)-\d+")


def close_match(word: str, candidates: Iterable[str], cutoff: float = CUTOFF) -> str | None:
    """The candidate most like ``word`` (case-insensitive), or ``None``."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(candidate.lower(), candidate)
    found = difflib.get_close_matches(word.lower(), list(by_key), n=1, cutoff=cutoff)
    return by_key[found[0]] if found else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean X?)`` when a close match exists, else an empty string."""
    match = close_match(word, candidates)
    return f" (did you mean {match}?)" if match else ""


def family(entity_id: str) -> str:
    """The group of IDs an unknown ``entity_id`` is compared with."""
    if entity_id.startswith("api:"):
        return entity_id.split("#", 1)[0] + "#" if "#" in entity_id else "api:"
    if ":" in entity_id:
        return entity_id.split(":", 1)[0] + ":"
    numbered = _NUMBERED.match(entity_id)
    return numbered.group(1) if numbered else ""


class IdSuggester:
    """Suggestions for unknown IDs among the IDs of one graph, within a budget."""

    def __init__(self, ids: Iterable[str], budget: int = MAX_SUGGESTIONS) -> None:
        self._ids = list(ids)
        self._families: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] | None = None
        self.budget = budget

    def _sorted(self) -> dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]]:
        # built on the first unknown ID only: a graph without one pays nothing
        if self._families is None:
            groups: dict[str, list[str]] = {}
            for entity_id in self._ids:
                groups.setdefault(family(entity_id), []).append(entity_id)
            self._families = {
                key: (sorted((i.lower(), i) for i in ids),
                      sorted((i.lower()[::-1], i) for i in ids))
                for key, ids in groups.items()}
        return self._families

    def hint(self, unknown: str) -> str:
        """`` (did you mean X?)`` or an empty string (also once the budget is spent)."""
        if self.budget <= 0:
            return ""
        self.budget -= 1
        forwards, backwards = self._sorted().get(family(unknown), ([], []))
        near = _neighbours(forwards, unknown.lower()) + _neighbours(backwards, unknown.lower()[::-1])
        return did_you_mean(unknown, near)


def _neighbours(ordered: list[tuple[str, str]], key: str) -> list[str]:
    at = bisect.bisect_left(ordered, (key, ""))
    return [original for _, original in ordered[max(0, at - WINDOW):at + WINDOW]]
