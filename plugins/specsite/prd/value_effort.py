"""The value/effort chart: requirements of open PRDs as a deterministic, offline SVG scatter with
four labelled quadrants (quick wins, big bets, fill-ins, money pits), each point a link to its
requirement.

Two measures (ADR-0018):

- RICE: value = reach × impact × confidence (drawn on a log scale: reach spans orders of
  magnitude), effort = RICE effort in person-months.
- ICE: value = impact × confidence (1 to 100), effort = 11 − ease (1 to 10). ICE has no effort of
  its own; ease inverted keeps the whole chart on ICE's one scale, where mixing in RICE's
  person-months would put points of two units on one axis.

The quadrants split at the median value and the median effort of the points drawn: prioritising is
relative, so "high value" means higher than the typical requirement in the backlog. At most
:data:`MAX_POINTS` points are drawn (the best by score); the page says how many are left out.
Every spec value reaches the SVG through :func:`specsite.core.escape.svg_text` or ``svg_attr``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import median
from typing import Callable

from ..core.escape import svg_attr, svg_text
from .model import Requirement

#: points drawn per chart at most: more make an unreadable cloud and a large page
MAX_POINTS = 150
#: points labelled with their ID when a chart has at most this many
LABELLED = 40
WIDTH, HEIGHT = 760.0, 500.0
LEFT, RIGHT, TOP, BOTTOM = 78.0, 24.0, 24.0, 58.0
QUADRANTS = ("quick wins", "big bets", "fill-ins", "money pits")
_PRIORITY_FILL = {"must": "#1a5fb4", "should": "#2a9d8f", "could": "#b08800", "wont": "#888888"}


@dataclass(frozen=True)
class Measure:
    """How one chart reads a requirement: its value, its effort and its score."""

    name: str
    value_label: str
    effort_label: str
    log_value: bool
    value: Callable[[Requirement], float | None]
    effort: Callable[[Requirement], float | None]
    score: Callable[[Requirement], float | None]


@dataclass(frozen=True)
class Point:
    """One requirement placed on the chart; ``href`` is its final URL from the chart's page."""

    id: str
    text: str
    priority: str
    value: float
    effort: float
    score: float
    href: str
    quadrant: str = ""


def _rice_value(r: Requirement) -> float | None:
    x = r.rice
    if x is None or None in (x.reach, x.impact, x.confidence):
        return None
    return x.reach * x.impact * x.confidence  # type: ignore[operator]


def _rice_effort(r: Requirement) -> float | None:
    return r.rice.effort if r.rice is not None else None


def _ice_value(r: Requirement) -> float | None:
    return r.ice.impact * r.ice.confidence if r.ice is not None else None  # type: ignore[operator]


def _ice_effort(r: Requirement) -> float | None:
    return 11 - r.ice.ease if r.ice is not None and r.ice.ease is not None else None


def measures(rice: Callable[[Requirement], float | None],
             ice: Callable[[Requirement], float | None]) -> dict[str, Measure]:
    """The RICE and ICE measures; a requirement is drawn only when its score (``rice``, ``ice``)
    exists, the same requirements the backlog ranks."""
    return {
        "rice": Measure("RICE", "Value: reach × impact × confidence (log scale)",
                        "Effort: person-months", True, _rice_value, _rice_effort, rice),
        "ice": Measure("ICE", "Value: impact × confidence", "Effort: 11 − ease", False,
                       _ice_value, _ice_effort, ice),
    }


def place(points: list[Point]) -> tuple[list[Point], float, float]:
    """Each point with its quadrant, and the split lines (median value, median effort)."""
    if not points:
        return [], 0.0, 0.0
    v_mid = median(p.value for p in points)
    e_mid = median(p.effort for p in points)
    placed = []
    for p in points:
        high, cheap = p.value >= v_mid, p.effort <= e_mid
        quadrant = QUADRANTS[0 if high and cheap else 1 if high else 2 if cheap else 3]
        placed.append(Point(p.id, p.text, p.priority, p.value, p.effort, p.score, p.href, quadrant))
    return placed, v_mid, e_mid


def select(points: list[Point]) -> tuple[list[Point], int]:
    """The :data:`MAX_POINTS` best points by score (then ID), and how many are left out."""
    ordered = sorted(points, key=lambda p: (-p.score, p.id))
    return ordered[:MAX_POINTS], max(0, len(ordered) - MAX_POINTS)


def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _label(value: float) -> str:
    """A tick label: 1,200 / 0.5 / 25k / 3M."""
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(value) >= size * 10:
            return f"{value / size:,.0f}{suffix}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


class _Scale:
    """Maps data to pixels along one axis (linear or log10), from ``lo`` to ``hi``."""

    def __init__(self, lo: float, hi: float, a: float, b: float, log: bool) -> None:
        self.log = log
        f = math.log10 if log else (lambda v: v)
        self.f = f
        self.lo, self.hi = f(lo), f(hi)
        if self.hi <= self.lo:
            self.lo, self.hi = self.lo - 1, self.hi + 1
        self.a, self.b = a, b

    def __call__(self, v: float) -> float:
        return self.a + (self.f(v) - self.lo) / (self.hi - self.lo) * (self.b - self.a)

    def ticks(self) -> list[float]:
        if self.log:
            first, last = math.ceil(self.lo), math.floor(self.hi)
            return [10.0 ** k for k in range(first, last + 1)][:12]
        step = _nice((self.hi - self.lo) / 8)
        start = math.ceil(self.lo / step) * step
        return [start + i * step for i in range(0, 12) if start + i * step <= self.hi + 1e-9]


def _nice(raw: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) near ``raw``."""
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def _label_places(points: list[tuple[str, float, float]], left: float, right: float,
                  top: float, bottom: float) -> dict[str, tuple[float, float, str]]:
    """Where each point's label goes (x, y, text-anchor): right of the point, else left, above or
    below, whichever overlaps no label or point placed so far (right when all do). Quadratic in
    the points, so only for charts of at most :data:`LABELLED` points."""
    boxes: list[tuple[float, float, float, float]] = [(x - 6, y - 6, x + 6, y + 6) for _, x, y in points]
    out = {}
    for name, x, y in points:
        w = 6.3 * len(name)
        options = ((x + 9, y + 4, "start", x + 8, y - 6, x + 9 + w, y + 6),
                   (x - 9, y + 4, "end", x - 9 - w, y - 6, x - 8, y + 6),
                   (x - w / 2, y - 10, "start", x - w / 2, y - 20, x + w / 2, y - 7),
                   (x - w / 2, y + 19, "start", x - w / 2, y + 8, x + w / 2, y + 21))
        chosen = options[0]
        for option in options:
            box = option[3:]
            inside = box[0] >= left and box[2] <= right and box[1] >= top and box[3] <= bottom
            if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                                  for b in boxes):
                chosen = option
                break
        boxes.append(chosen[3:])
        out[name] = chosen[:3]
    return out


def _split(data: list[float], mid: float, scale: "_Scale", cheap_side: bool) -> float:
    """Where a quadrant line is drawn: halfway (in pixels) between the points on either side of
    the split, so no point sits on a line and what a point looks like is its quadrant (efforts at
    or below the median are low, values at or above it high); 12 px past the points when they all
    fall on one side."""
    if cheap_side:
        inside, outside = [v for v in data if v <= mid], [v for v in data if v > mid]
        near, far = max(inside), min(outside, default=None)
    else:
        inside, outside = [v for v in data if v >= mid], [v for v in data if v < mid]
        near, far = min(inside), max(outside, default=None)
    if far is None:
        # all on the low-effort (or high-value) side: the line goes right of (below) them, and
        # pixels grow rightwards and downwards
        return scale(near) + 12
    return (scale(near) + scale(far)) / 2


def render_svg(points: list[Point], v_mid: float, e_mid: float, measure: Measure) -> str:
    """The chart as one ``<svg>`` (no script, no external reference)."""
    x0, x1, y0, y1 = LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM, TOP
    values = [p.value for p in points]
    efforts = [p.effort for p in points]
    if measure.log_value:
        lo, hi = min(values) / 2, max(values) * 2
    else:
        lo, hi = 0.0, max(max(values) * 1.1, 10.0)
    ys = _Scale(lo, hi, y0, y1, measure.log_value)
    # room right of the furthest point for its label
    xs = _Scale(0.0, max(max(efforts) * 1.25, 1.0 if measure.name == "RICE" else 11.0), x0, x1, False)
    xm, ym = _split(efforts, e_mid, xs, cheap_side=True), _split(values, v_mid, ys, cheap_side=False)
    title = f"{measure.name} value against effort of {len(points)} requirements"
    out = [f'<svg class="specsite-value-effort" xmlns="http://www.w3.org/2000/svg" '
           f'viewBox="0 0 {_n(WIDTH)} {_n(HEIGHT)}" role="img" aria-label="{svg_attr(title)}" '
           f'font-family="sans-serif" font-size="12">',
           f"<title>{svg_text(title)}</title>"]
    # quadrant tints: quick wins green, big bets blue, fill-ins grey, money pits red
    tints = (("#e6f4ea", x0, y1, xm, ym), ("#e8f0fb", xm, y1, x1, ym),
             ("#f3f3f3", x0, ym, xm, y0), ("#fbeaea", xm, ym, x1, y0))
    for fill, ax, ay, bx, by in tints:
        out.append(f'<rect x="{_n(ax)}" y="{_n(ay)}" width="{_n(bx - ax)}" height="{_n(by - ay)}" '
                   f'fill="{fill}"/>')
    for name, x, y, anchor in ((QUADRANTS[0], x0 + 8, y1 + 18, "start"),
                               (QUADRANTS[1], x1 - 8, y1 + 18, "end"),
                               (QUADRANTS[2], x0 + 8, y0 - 8, "start"),
                               (QUADRANTS[3], x1 - 8, y0 - 8, "end")):
        out.append(f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" font-size="15" '
                   f'font-weight="bold" fill="#555">{svg_text(name.capitalize())}</text>')
    out.append(f'<line x1="{_n(xm)}" y1="{_n(y1)}" x2="{_n(xm)}" y2="{_n(y0)}" stroke="#999" '
               f'stroke-dasharray="4 4"/>')
    out.append(f'<line x1="{_n(x0)}" y1="{_n(ym)}" x2="{_n(x1)}" y2="{_n(ym)}" stroke="#999" '
               f'stroke-dasharray="4 4"/>')
    out.append(f'<path d="M{_n(x0)},{_n(y1)} V{_n(y0)} H{_n(x1)}" fill="none" stroke="#333"/>')
    for t in xs.ticks():
        x = xs(t)
        out.append(f'<line x1="{_n(x)}" y1="{_n(y0)}" x2="{_n(x)}" y2="{_n(y0 + 5)}" stroke="#333"/>'
                   f'<text x="{_n(x)}" y="{_n(y0 + 18)}" text-anchor="middle">{_label(t)}</text>')
    for t in ys.ticks():
        y = ys(t)
        out.append(f'<line x1="{_n(x0 - 5)}" y1="{_n(y)}" x2="{_n(x0)}" y2="{_n(y)}" stroke="#333"/>'
                   f'<text x="{_n(x0 - 8)}" y="{_n(y + 4)}" text-anchor="end">{_label(t)}</text>')
    out.append(f'<text x="{_n((x0 + x1) / 2)}" y="{_n(HEIGHT - 14)}" text-anchor="middle" '
               f'font-size="13">{svg_text(measure.effort_label)} →</text>')
    out.append(f'<text transform="translate(16 {_n((y0 + y1) / 2)}) rotate(-90)" '
               f'text-anchor="middle" font-size="13">{svg_text(measure.value_label)} →</text>')
    labelled = len(points) <= LABELLED
    seen: dict[tuple[int, int], int] = {}
    placed: list[tuple[Point, float, float]] = []
    for p in sorted(points, key=lambda p: p.id):
        cx, cy = xs(p.effort), ys(p.value)
        # points at the same spot stack downwards, so each stays clickable
        spot = (round(cx), round(cy))
        k = seen.get(spot, 0)
        seen[spot] = k + 1
        placed.append((p, cx, cy + 13 * k))
    labels = _label_places([(p.id, cx, cy) for p, cx, cy in placed], x0, x1, y1, y0) \
        if labelled else {}
    for p, cx, cy in placed:
        tip = (f"{p.id}: {p.text} — value {_label(p.value)}, effort {_label(p.effort)}, "
               f"{measure.name} score {_label(p.score)} ({p.quadrant})")
        fill = _PRIORITY_FILL.get(p.priority, "#888888")
        label = ""
        if p.id in labels:
            lx, ly, anchor = labels[p.id]
            label = (f'<text x="{_n(lx)}" y="{_n(ly)}" text-anchor="{anchor}" font-size="11" '
                     f'fill="#222">{svg_text(p.id)}</text>')
        out.append(f'<a href="{svg_attr(p.href)}" class="specsite-point">'
                   f"<title>{svg_text(tip)}</title>"
                   f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="6" fill="{fill}" stroke="#fff" '
                   f'stroke-width="1.5"/>{label}</a>')
    out.append("</svg>")
    return "\n".join(out)
