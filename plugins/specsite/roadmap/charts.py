"""Small bar charts of how a release's requirements spread over categories: one stacked bar per
release, a segment per category. Generic over the category (MoSCoW priority today; Kano or any
other field tomorrow): give ``category_of`` and the ordered categories with their colours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Generic, Iterable, TypeVar

from ..core.escape import css_colour, svg_attr, svg_text
from .svg_shapes import INK, MUTED, clip, n

T = TypeVar("T")

_LABEL_W, _BAR_W, _ROW, _BAR_H, _PAD, _LEGEND = 130.0, 420.0, 30.0, 18.0, 12.0, 26.0


@dataclass(frozen=True)
class Category:
    """One category of a chart: its value (what ``category_of`` returns), label and colour."""

    key: str
    label: str
    colour: str


#: MoSCoW priorities, in order
MOSCOW = [Category("must", "Must", "#c62828"), Category("should", "Should", "#ef6c00"),
          Category("could", "Could", "#1e88e5"), Category("wont", "Won't", "#9e9e9e")]
#: Kano categories in the order of :data:`specsite.prd.model.KANO`
KANO = [Category("must-be", "Must-be", "#6a1b9a"), Category("performance", "Performance", "#00897b"),
        Category("attractive", "Attractive", "#f9a825"), Category("indifferent", "Indifferent", "#9e9e9e"),
        Category("reverse", "Reverse", "#5d4037")]


@dataclass(frozen=True)
class Group(Generic[T]):
    """The things counted in one bar (a release's requirements)."""

    label: str
    items: list[T]


def category_bars(groups: Iterable[Group[T]], category_of: Callable[[T], str | None],
                  categories: list[Category], title: str) -> str:
    """An SVG with one stacked horizontal bar per group, segments sized by how many of its items
    fall in each category (items in none are not counted), the counts written on the segments
    wide enough to hold them and in each bar's tooltip. Empty when no group counts anything."""
    keys = {c.key: c for c in categories}
    rows = []
    for group in groups:
        counts = dict.fromkeys(keys, 0)
        for item in group.items:
            key = category_of(item)
            if key in counts:
                counts[key] += 1
        rows.append((group.label, counts))
    rows = [(label, counts) for label, counts in rows if sum(counts.values())]
    if not rows:
        return ""
    width = _PAD * 2 + _LABEL_W + _BAR_W + 50
    height = _PAD * 2 + _LEGEND + len(rows) * _ROW
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="specsite-chart" viewBox="0 0 {n(width)} '
           f'{n(height)}" width="{n(width)}" height="{n(height)}" role="img" '
           f'aria-label="{svg_attr(title)}" font-family="Helvetica, Arial, sans-serif">',
           f"<title>{svg_text(title)}</title>",
           f'<rect x="0" y="0" width="{n(width)}" height="{n(height)}" fill="#ffffff"/>']
    x = _PAD + _LABEL_W
    for c in categories:  # the legend
        colour = css_colour(c.colour) or "#9e9e9e"
        out.append(f'<rect x="{n(x)}" y="{n(_PAD)}" width="12" height="12" fill="{svg_attr(colour)}"/>')
        out.append(f'<text x="{n(x + 16)}" y="{n(_PAD + 10.5)}" font-size="11.5" fill="{INK}">'
                   f'{svg_text(c.label)}</text>')
        x += 24 + len(c.label) * 7
    biggest = max(sum(counts.values()) for _, counts in rows)
    for k, (label, counts) in enumerate(rows):
        y = _PAD + _LEGEND + k * _ROW
        total = sum(counts.values())
        out.append(f'<text x="{n(_PAD)}" y="{n(y + _BAR_H - 4)}" font-size="12" fill="{INK}">'
                   f'{svg_text(clip(label, _LABEL_W - 8, 12))}</text>')
        summary = ", ".join(f"{counts[c.key]} {c.label}" for c in categories if counts[c.key])
        out.append(f"<g><title>{svg_text(f'{label}: {summary}')}</title>")
        x = _PAD + _LABEL_W
        for c in categories:
            count = counts[c.key]
            if not count:
                continue
            w = _BAR_W * count / biggest
            colour = css_colour(c.colour) or "#9e9e9e"
            out.append(f'<rect x="{n(x)}" y="{n(y)}" width="{n(w)}" height="{n(_BAR_H)}" '
                       f'fill="{svg_attr(colour)}"/>')
            if w >= 8 * len(str(count)) + 6:
                out.append(f'<text x="{n(x + w / 2)}" y="{n(y + _BAR_H - 5)}" font-size="11" '
                           f'text-anchor="middle" fill="#ffffff">{count}</text>')
            x += w
        out.append("</g>")
        out.append(f'<text x="{n(x + 6)}" y="{n(y + _BAR_H - 4)}" font-size="11" fill="{MUTED}">'
                   f"{total}</text>")
    out.append("</svg>")
    return "\n".join(out)
