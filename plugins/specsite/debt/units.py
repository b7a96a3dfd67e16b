"""Interest and principal as quantities that can be compared, so the register can rank items.

An amount has a unit. Effort units convert to hours on one convention (a person-day is 8 hours,
a person-week 5 days, a person-month 20 days); any other unit (``EUR``, ``incidents``) compares
only with itself. Interest is a rate, ``<unit>/<period>``; periods convert to months (a week is
12/52 of a month... a month is the unit). The ranking key is the share of the principal that
interest costs each month: interest per month divided by principal, in the same unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: effort units -> hours (a person-day of 8 hours, a week of 5 days, a month of 20 days)
EFFORT_HOURS: dict[str, float] = {
    "h": 1, "hr": 1, "hrs": 1, "hour": 1, "hours": 1,
    "d": 8, "day": 8, "days": 8, "pd": 8,
    "week": 40, "weeks": 40, "wk": 40, "wks": 40,
    "month": 160, "months": 160, "pm": 160,
}
#: periods of an interest rate -> months
PERIOD_MONTHS: dict[str, float] = {
    "day": 12 / 365, "days": 12 / 365, "d": 12 / 365,
    "week": 12 / 52, "weeks": 12 / 52, "wk": 12 / 52,
    "month": 1.0, "months": 1.0, "mo": 1.0,
    "quarter": 3.0, "quarters": 3.0, "q": 3.0,
    "year": 12.0, "years": 12.0, "yr": 12.0,
}
_PREFIXES = ("person-", "engineer-", "developer-", "dev-")
_TEXT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([^\s0-9].*?)\s*$")


def parse(text: str) -> tuple[float, str] | None:
    """``"4 hours/month"`` -> ``(4.0, "hours/month")``; None when it is not a number and a unit."""
    m = _TEXT.match(text) if len(text) <= 200 else None
    return (float(m.group(1)), m.group(2)) if m else None


def _quantity_unit(unit: str) -> tuple[str, float]:
    """``person-days`` -> ``("hours", 8.0)``; another unit is its own base (``EUR`` -> ``eur``)."""
    name = " ".join(unit.lower().split())
    for prefix in _PREFIXES:
        name = name.removeprefix(prefix)
    if name in EFFORT_HOURS:
        return "hours", EFFORT_HOURS[name]
    return name, 1.0


@dataclass(frozen=True)
class Normalised:
    """An amount in its base unit (``hours`` for effort), per month for a rate."""

    amount: float
    base: str


def principal(amount: float, unit: str) -> Normalised:
    """The principal in its base unit."""
    base, factor = _quantity_unit(unit)
    return Normalised(amount * factor, base)


def interest(amount: float, unit: str) -> Normalised | None:
    """The interest per month in its base unit; None when the unit names no known period."""
    if "/" not in unit:
        return None
    quantity, _, period = unit.rpartition("/")
    months = PERIOD_MONTHS.get(" ".join(period.lower().split()))
    if months is None or not quantity.strip():
        return None
    base, factor = _quantity_unit(quantity)
    return Normalised(amount * factor / months, base)


def monthly_share(interest_: Normalised | None, principal_: Normalised | None) -> float | None:
    """Interest per month over principal (both in one base unit), rounded so the ranking does
    not depend on the last bits of a float; None when they do not compare."""
    if interest_ is None or principal_ is None or interest_.base != principal_.base:
        return None
    if principal_.amount <= 0:
        return None
    return round(interest_.amount / principal_.amount, 6)
