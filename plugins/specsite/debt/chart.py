"""The quadrant chart: Fowler's technical-debt quadrant as an offline SVG built in Python.

Columns are reckless and prudent, rows deliberate and inadvertent. Each outstanding item is a chip
in its quadrant (in register order) linking to its page, with a ``<title>`` tooltip; at most
:data:`PER_QUADRANT` chips are drawn per quadrant, and the cell says how many are left out.
Every spec value is escaped with :func:`svg_text`/:func:`svg_attr`; same input, same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.escape import svg_attr, svg_text
from ..core.kind import SiteContext
from ..core.urls import relative_url
from .entities import page_of

COLUMNS, ROWS_PER_CELL = 4, 6
PER_QUADRANT = COLUMNS * ROWS_PER_CELL
CELL_W, CELL_H, LEFT, TOP = 340, 230, 34, 30
CHIP_W, CHIP_H, GAP = 76, 22, 6
#: (quadrant, column, row, caption): Fowler's words for each quadrant
QUADRANT_CELLS = (
    ("reckless-deliberate", 0, 0, "“We don't have time for design”"),
    ("prudent-deliberate", 1, 0, "“We must ship now and deal with consequences”"),
    ("reckless-inadvertent", 0, 1, "“What's layering?”"),
    ("prudent-inadvertent", 1, 1, "“Now we know how we should have done it”"),
)
#: chip fill per status (specsite's own colours, not spec values)
_FILL = {"open": "#ffcdd2", "scheduled": "#fff59d", "accepted": "#e0e0e0"}


@dataclass(frozen=True)
class Chip:
    """One item to draw: its ID, title, status and quadrant."""

    id: str
    title: str
    status: str
    quadrant: str


def left_out(chips: list[Chip]) -> int:
    """How many chips the chart does not draw (over :data:`PER_QUADRANT` in a quadrant)."""
    return sum(max(0, sum(1 for c in chips if c.quadrant == q) - PER_QUADRANT)
               for q, *_ in QUADRANT_CELLS)


def quadrant_svg(chips: list[Chip], from_page: str, site: SiteContext) -> str:
    """The chart, one line per SVG element (no blank line: Markdown keeps it one HTML block)."""
    width, height = LEFT + 2 * CELL_W + 10, TOP + 2 * CELL_H + 10
    out = [f'<svg class="specsite-debt-quadrants" xmlns="http://www.w3.org/2000/svg" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="Technical debt quadrant">',
           f'<text x="{LEFT + CELL_W // 2}" y="18" text-anchor="middle" font-weight="bold">Reckless</text>',
           f'<text x="{LEFT + CELL_W + CELL_W // 2}" y="18" text-anchor="middle" font-weight="bold">Prudent</text>',
           f'<text x="20" y="{TOP + CELL_H // 2}" text-anchor="middle" font-weight="bold" '
           f'transform="rotate(-90 20 {TOP + CELL_H // 2})">Deliberate</text>',
           f'<text x="20" y="{TOP + CELL_H + CELL_H // 2}" text-anchor="middle" font-weight="bold" '
           f'transform="rotate(-90 20 {TOP + CELL_H + CELL_H // 2})">Inadvertent</text>']
    for quadrant, col, row, caption in QUADRANT_CELLS:
        x, y = LEFT + col * CELL_W, TOP + row * CELL_H
        out.append(f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="none" '
                   f'stroke="#9e9e9e"/>')
        out.append(f'<text x="{x + 8}" y="{y + 18}" font-size="12" font-style="italic" '
                   f'fill="#616161">{svg_text(caption)}</text>')
        inside = [c for c in chips if c.quadrant == quadrant]
        for i, chip in enumerate(inside[:PER_QUADRANT]):
            cx = x + 10 + (i % COLUMNS) * (CHIP_W + GAP)
            cy = y + 30 + (i // COLUMNS) * (CHIP_H + GAP)
            href = svg_attr(relative_url(from_page, page_of(chip.id), site.use_directory_urls))
            fill = _FILL.get(chip.status, "#e0e0e0")
            out.append(f'<a href="{href}"><title>{svg_text(chip.id)}: {svg_text(chip.title)} '
                       f'({svg_text(chip.status)})</title><rect x="{cx}" y="{cy}" width="{CHIP_W}" '
                       f'height="{CHIP_H}" rx="4" fill="{fill}" stroke="#757575"/><text '
                       f'x="{cx + CHIP_W // 2}" y="{cy + 15}" text-anchor="middle" '
                       f'font-size="11">{svg_text(chip.id)}</text></a>')
        extra = len(inside) - PER_QUADRANT
        if extra > 0:
            out.append(f'<text x="{x + CELL_W - 8}" y="{y + CELL_H - 8}" text-anchor="end" '
                       f'font-size="12">+{extra} more, see the register</text>')
    out.append("</svg>")
    return "\n".join(out)
