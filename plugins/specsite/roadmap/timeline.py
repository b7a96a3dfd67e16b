"""The roadmap timeline: one column per release (in order, Unscheduled last), one swimlane per
lane, a box per PRD coloured by status with its milestones, and arrows from each PRD to the PRDs
that depend on it. A self-contained, deterministic SVG; every spec value escaped for SVG.

At most :data:`MAX_DRAWN` PRDs are drawn (the first in release order); the page says how many are
left out, and its table lists every PRD.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..core.escape import svg_attr, svg_text
from .plan import NO_LANE, Item, Roadmap
from .svg_shapes import INK, MUTED, STATUS_LOOKS, clip, n, wrap

MAX_DRAWN = 60
MAX_MILESTONES = 3
_PAD, _COL_W, _GAP, _HEADER = 16.0, 172.0, 26.0, 46.0
#: a lane's name is written across the top of the lane, above its boxes
_LANE_TITLE = 20.0
#: wider than this, the timeline keeps its size and its frame scrolls (else it shrinks to fit)
WIDE = 800.0
_BOX_GAP, _LANE_PAD = 10.0, 12.0
_ID_FONT, _TITLE_FONT, _MS_FONT = 11.0, 12.5, 10.5
#: the arrow of a dependency planned after the PRD that needs it (ROAD001)
_LATE = "#c62828"
_ARROW = "#546e7a"
_PHASE_FILL = {"Now": "#e8eaf6", "Next": "#f3f6fb"}
#: the lanes of PRDs without an owner, system or tag go below the named ones
_FALLBACK_LANES = frozenset(NO_LANE.values()) - {""}


@dataclass
class _Box:
    item: Item
    x: float
    y: float
    h: float
    title: list[str]
    milestones: list[str]

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


def phase_of(roadmap: Roadmap) -> dict[str, str]:
    """Release -> ``Now``, ``Next`` or ``Later`` (earlier releases have none)."""
    out = {r: "Now" for r in roadmap.now}
    out.update({r: "Next" for r in roadmap.next})
    out.update({r: "Later" for r in roadmap.later})
    return out


def drawn_items(roadmap: Roadmap) -> list[Item]:
    """The PRDs the timeline draws: the first :data:`MAX_DRAWN` shown, in release order."""
    return roadmap.shown[:MAX_DRAWN]


def render(roadmap: Roadmap, href: Callable[[str], str | None]) -> str:
    """The timeline SVG; ``href`` gives the final URL of a PRD's page (or None for no link)."""
    items = drawn_items(roadmap)
    if not items:
        return ""
    columns = [r for r in roadmap.releases if any(i.column == r for i in items)]
    lanes = sorted({i.lane for i in items}, key=lambda lane: (lane in _FALLBACK_LANES, lane.casefold(), lane))
    with_labels = lanes != [""]
    left = _PAD
    col_x = {r: left + k * (_COL_W + _GAP) for k, r in enumerate(columns)}
    cells: dict[tuple[str, str], list[Item]] = {}
    for item in items:
        cells.setdefault((item.lane, item.column), []).append(item)
    boxes: dict[str, _Box] = {}
    lane_top: dict[str, float] = {}
    #: the line under a lane's boxes: no box crosses it, so long arrows run along it
    lane_bottom: dict[str, float] = {}
    y = _PAD + _HEADER
    for lane in lanes:
        lane_top[lane] = y
        tallest = 0.0
        for release in columns:
            cy = y + _LANE_PAD + (_LANE_TITLE if with_labels else 0.0)
            for item in cells.get((lane, release), []):
                box = _box(item, col_x[release], cy)
                boxes[item.id] = box
                cy += box.h + _BOX_GAP
            tallest = max(tallest, cy - y)
        y += max(tallest, 40.0) + _LANE_PAD - _BOX_GAP
        lane_bottom[lane] = y
    width = left + len(columns) * (_COL_W + _GAP) - _GAP + _PAD
    height = y + _PAD
    phases = phase_of(roadmap)
    classes = "specsite-roadmap specsite-roadmap-wide" if width > WIDE else "specsite-roadmap"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           f'class="{classes}" '
           f'viewBox="0 0 {n(width)} {n(height)}" width="{n(width)}" '
           f'height="{n(height)}" role="img" aria-labelledby="specsite-roadmap-title" '
           f'font-family="Helvetica, Arial, sans-serif">',
           '<title id="specsite-roadmap-title">Roadmap timeline: PRDs by release'
           + (" and lane" if with_labels else "") + "</title>",
           "<defs>",
           *(f'<marker id="specsite-roadmap-{name}" viewBox="0 0 10 10" refX="9" refY="5" '
             f'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
             f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
             for name, colour in (("arrow", _ARROW), ("late", _LATE))),
           "</defs>",
           f'<rect x="0" y="0" width="{n(width)}" height="{n(height)}" fill="#ffffff"/>']
    for release in columns:
        x = col_x[release]
        phase = phases.get(release, "")
        fill = _PHASE_FILL.get(phase)
        if fill:
            out.append(f'<rect x="{n(x - _GAP / 4)}" y="{n(_PAD)}" width="{n(_COL_W + _GAP / 2)}" '
                       f'height="{n(height - 2 * _PAD)}" rx="6" fill="{fill}"/>')
        out.append(f'<text x="{n(x + 4)}" y="{n(_PAD + 18)}" font-size="15" font-weight="bold" '
                   f'fill="{INK}">{svg_text(clip(release, _COL_W - 60, 15))}</text>')
        if phase:
            out.append(f'<text x="{n(x + _COL_W - 4)}" y="{n(_PAD + 18)}" font-size="11" '
                       f'text-anchor="end" fill="{MUTED}">{phase}</text>')
        count = sum(1 for i in items if i.column == release)
        out.append(f'<text x="{n(x + 4)}" y="{n(_PAD + 34)}" font-size="10.5" fill="{MUTED}">'
                   f'{count} PRD{"" if count == 1 else "s"}</text>')
    if with_labels:
        for lane in lanes:
            top = lane_top[lane]
            out.append(f'<line x1="{n(_PAD)}" y1="{n(top)}" x2="{n(width - _PAD)}" y2="{n(top)}" '
                       f'stroke="#cfd8dc" stroke-width="1"/>')
            out.append(f'<text x="{n(_PAD + 4)}" y="{n(top + 20)}" font-size="12" '
                       f'font-weight="bold" fill="{INK}">{svg_text(clip(lane, width - 2 * _PAD, 12))}'
                       "</text>")
    # arrows first: one that spans several releases passes behind the boxes between
    out.append('<g class="specsite-roadmap-dependencies" fill="none">')
    for box in boxes.values():
        for target in box.item.prds_depended_on():
            if target in boxes:
                out.append(_arrow(roadmap, boxes[target], box, lane_bottom[boxes[target].item.lane]))
    out.append("</g>")
    out.append('<g class="specsite-roadmap-prds">')
    for box in boxes.values():
        out.extend(_draw_box(box, href(box.item.id)))
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _box(item: Item, x: float, y: float) -> _Box:
    title = wrap(item.prd.title, _COL_W - 16, _TITLE_FONT, 2)
    shown = item.milestones[:MAX_MILESTONES]
    lines = [clip(f"{'◆' if m.done else '◇'} {m.date + ' ' if m.date else ''}{m.name}",
                  _COL_W - 16, _MS_FONT) for m in shown]
    if len(item.milestones) > MAX_MILESTONES:
        lines.append(f"+{len(item.milestones) - MAX_MILESTONES} more milestones")
    h = 10 + _ID_FONT * 1.3 + len(title) * _TITLE_FONT * 1.25 + len(lines) * _MS_FONT * 1.35 + 8
    return _Box(item, x, y, h, title, lines)


def _draw_box(box: _Box, link: str | None) -> list[str]:
    item = box.item
    fill, stroke, dash = STATUS_LOOKS.get(item.status, ("#ffffff", "#9e9e9e", ""))
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    label = f"{item.id}: {item.prd.title} ({item.status}, {item.column})"
    parts = [f'<g class="specsite-roadmap-prd" data-specsite-id="{svg_attr(item.id)}">',
             f"<title>{svg_text(label)}</title>",
             f'<rect x="{n(box.x)}" y="{n(box.y)}" width="{n(_COL_W)}" height="{n(box.h)}" rx="6" '
             f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"{dashed}/>']
    x = box.x + 8
    y = box.y + 8 + _ID_FONT
    parts.append(f'<text x="{n(x)}" y="{n(y)}" font-size="{n(_ID_FONT)}" fill="{MUTED}">'
                 f'{svg_text(item.id)} · {svg_text(item.status)}</text>')
    y += _ID_FONT * 0.3
    for line in box.title:
        y += _TITLE_FONT * 1.25
        parts.append(f'<text x="{n(x)}" y="{n(y)}" font-size="{n(_TITLE_FONT)}" font-weight="bold" '
                     f'fill="{INK}">{svg_text(line)}</text>')
    for line in box.milestones:
        y += _MS_FONT * 1.35
        parts.append(f'<text x="{n(x)}" y="{n(y)}" font-size="{n(_MS_FONT)}" fill="{INK}">'
                     f'{svg_text(line)}</text>')
    parts.append("</g>")
    if link is None:
        return parts
    # xlink:href, not href: Material's instant navigation rewrites every a[href] and fails on SVG
    # links, whose href is read-only (as on the C4 diagrams)
    return [f'<a xlink:href="{svg_attr(link)}">', *parts, "</a>"]


def _arrow(roadmap: Roadmap, first: _Box, then: _Box, corridor: float) -> str:
    """An arrow from ``first`` (depended on) to ``then`` (which needs it). Between neighbouring
    columns it curves through the gap; further, it runs down the gap beside ``first``, along
    ``corridor`` (the line under ``first``'s lane, which no box crosses) and up the gap beside
    ``then``, so it never passes behind a box of a release in between."""
    late = roadmap.order.compare(then.item.release, first.item.release) == -1
    colour, marker = (_LATE, "late") if late else (_ARROW, "arrow")
    span = abs(then.x - first.x) / (_COL_W + _GAP)
    if first.x == then.x:  # same column: loop through the gap on the right
        sx = first.x + _COL_W
        d = (f"M{n(sx)},{n(first.cy)} C{n(sx + _GAP * 0.8)},{n(first.cy)} "
             f"{n(sx + _GAP * 0.8)},{n(then.cy)} {n(sx)},{n(then.cy)}")
    else:
        forward = first.x < then.x
        sx = first.x + _COL_W if forward else first.x
        ex = then.x if forward else then.x + _COL_W
        if span < 1.5:
            bend = (ex - sx) / 2
            d = (f"M{n(sx)},{n(first.cy)} C{n(sx + bend)},{n(first.cy)} {n(ex - bend)},{n(then.cy)} "
                 f"{n(ex)},{n(then.cy)}")
        else:
            step = _GAP / 2 if forward else -_GAP / 2
            d = (f"M{n(sx)},{n(first.cy)} H{n(sx + step)} V{n(corridor)} H{n(ex - step)} "
                 f"V{n(then.cy)} H{n(ex)}")
    dash = ' stroke-dasharray="6 4"' if late else ""
    what = f"{then.item.id} depends on {first.item.id}"
    return (f'<path d="{d}" stroke="{colour}" stroke-width="1.6"{dash} '
            f'marker-end="url(#specsite-roadmap-{marker})"><title>{svg_text(what)}</title></path>')
