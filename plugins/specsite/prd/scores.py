"""Prioritisation scores of a requirement: RICE, ICE, MoSCoW and Kano, and the one the backlog
ranks by (the ``prioritise.score`` option).

RICE = reach × impact × confidence / effort (Intercom's formula). ICE = impact × confidence ×
ease, each from 1 to 10, so 1 to 1,000 (the product, as most teams use it: one weak factor pulls
the score down, where an average would hide it; see ADR-0018). MoSCoW ranks must before should
before could. A score is ``None`` when its inputs are absent or incomplete, and an ICE score also
when an input is outside 1–10 (PRD015): a bad estimate is a finding, never a rank. (RICE keeps its
long-standing behaviour: out-of-range inputs are PRD006 but still give a score.)
"""

from __future__ import annotations

from typing import Callable

from .model import ICE_RANGE, KANO, PRIORITIES, Requirement

SCORES = ("rice", "ice", "moscow")
SCORE_NAMES = {"rice": "RICE", "ice": "ICE", "moscow": "MoSCoW"}
SCORE_FORMULAS = {
    "rice": "reach × impact × confidence / effort",
    "ice": "impact × confidence × ease, each 1–10",
    "moscow": "must, should, could",
}


def rice_score(requirement: Requirement) -> float | None:
    """reach × impact × confidence / effort, or None when RICE is absent or incomplete."""
    r = requirement.rice
    if r is None or None in (r.reach, r.impact, r.confidence, r.effort) or not r.effort or r.effort <= 0:
        return None
    return round(r.reach * r.impact * r.confidence / r.effort, 2)  # type: ignore[operator]


def ice_in_range(value: float | None) -> bool:
    """An ICE input on the 1 to 10 scale."""
    return value is not None and ICE_RANGE[0] <= value <= ICE_RANGE[1]


def ice_score(requirement: Requirement) -> float | None:
    """impact × confidence × ease, or None when ICE is absent, incomplete or out of range."""
    i = requirement.ice
    if i is None or not all(ice_in_range(v) for v in (i.impact, i.confidence, i.ease)):
        return None
    return round(i.impact * i.confidence * i.ease, 2)  # type: ignore[operator]


def kano_category(value: str | None) -> str | None:
    """The Kano category as written (``Must-be``, ``must be``, ``must_be`` -> ``must-be``), or None
    when there is none or it is not one of the five."""
    if value is None:
        return None
    canonical = "-".join(value.strip().lower().replace("_", " ").split())
    return canonical if canonical in KANO else None


def moscow_rank(requirement: Requirement) -> int:
    """0 for must, 1 should, 2 could, 3 won't: lower ranks higher."""
    return PRIORITIES.index(requirement.priority)


def score_of(name: str) -> Callable[[Requirement], float | None]:
    """The scoring function the backlog ranks by (higher first); MoSCoW scores must 3 ... won't 0."""
    if name == "ice":
        return ice_score
    if name == "moscow":
        return lambda r: float(len(PRIORITIES) - 1 - moscow_rank(r))
    return rice_score
