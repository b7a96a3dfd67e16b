"""Release names in order, and the days releases and milestones end.

Order: releases listed in the ``roadmap.releases`` option first, in that order; then quarters
(``2027-Q1``) by date; then any other name in natural order (``4.2`` before ``4.10``); PRDs with
no release last, as *Unscheduled*. Two releases are *comparable* (one is planned before the
other) only when both sit in the same group, or both have a known last day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .options import ReleaseOption

UNSCHEDULED = "Unscheduled"
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class Period:
    """A span of days: one day, a month, a quarter or a year (both ends included)."""

    start: dt.date
    end: dt.date


def quarter(name: str) -> tuple[int, int] | None:
    """``2027-Q1`` -> ``(2027, 1)``; None for anything else."""
    m = _QUARTER.match(name.strip())
    return (int(m.group(1)), int(m.group(2))) if m else None


def period(text: str | None) -> Period | None:
    """The days a date or period names: ``2027-01-15``, ``2027-05``, ``2027-Q2`` or ``2027``;
    None when it is none of these (free text such as ``after the beta`` is not checked)."""
    if not text:
        return None
    text = text.strip()
    try:
        if m := _DAY.match(text):
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return Period(day, day)
        if m := _MONTH.match(text):
            year, month = int(m.group(1)), int(m.group(2))
            return Period(dt.date(year, month, 1),
                          dt.date(year, month, calendar.monthrange(year, month)[1]))
        if q := quarter(text):
            year, n = q
            last = 3 * n
            return Period(dt.date(year, last - 2, 1),
                          dt.date(year, last, calendar.monthrange(year, last)[1]))
        if m := _YEAR.match(text):
            year = int(m.group(1))
            return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    except ValueError:  # 2027-13-40: not a date, so nothing to check against
        return None
    return None


def natural_key(name: str) -> tuple:
    """``4.10`` after ``4.9``: digit runs compare as numbers, the rest case-insensitively."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
                 for part in _DIGITS.split(name) if part)


class ReleaseOrder:
    """The order of release names, from the ``roadmap.releases`` option."""

    def __init__(self, configured: list[ReleaseOption] | None = None) -> None:
        self.configured = list(configured or [])
        self._index = {r.name: i for i, r in enumerate(self.configured)}
        self._dates = {r.name: r.date for r in self.configured if r.date is not None}

    def listed(self, release: str) -> bool:
        """Whether the configuration lists ``release``."""
        return release in self._index

    def key(self, release: str | None) -> tuple:
        """Sort key: configured, then quarters, then natural order, then unscheduled."""
        if not release or release == UNSCHEDULED:
            return (3,)
        if release in self._index:
            return (0, self._index[release])
        q = quarter(release)
        if q is not None:
            return (1, q[0] * 4 + q[1])
        return (2, natural_key(release), release)

    def end(self, release: str | None) -> dt.date | None:
        """The last day of ``release``: its configured date, or the end of its quarter."""
        if not release:
            return None
        if release in self._dates:
            return self._dates[release]
        if quarter(release) is not None and release not in self._index:
            found = period(release)
            return found.end if found else None
        return None

    def compare(self, a: str | None, b: str | None) -> int | None:
        """-1, 0 or 1 as ``a`` is planned before, with or after ``b``; None when the two cannot
        be compared (either unscheduled, or in different groups without known last days)."""
        if not a or not b:
            return None
        if a == b:
            return 0
        ka, kb = self.key(a), self.key(b)
        if ka[0] == kb[0]:
            return -1 if ka < kb else (1 if ka > kb else 0)
        ea, eb = self.end(a), self.end(b)
        if ea is not None and eb is not None:
            return -1 if ea < eb else (1 if ea > eb else 0)
        return None
