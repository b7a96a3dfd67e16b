"""A view drawn where its author put things: the manual layout of a Structurizr JSON workspace.

Structurizr stores, per view, the top-left corner of each element box (``x``/``y``, in a canvas
where a box is 450x300 unless a style sets ``width``/``height``) and optional bend points
(``vertices``) of each relationship. A view without ``automaticLayout`` whose every box has a
position is drawn from those numbers, scaled by :data:`SCALE`, with straight arrows through the
vertices; everything else is laid out by Graphviz (:mod:`.layout`).
"""

from __future__ import annotations

from ..core.limits import Limits, current
from . import model as m
from .layout import Arrow, Boundary, Box, Layout, plan_view, too_large, view_edges
from .styles import element_size

#: Structurizr's canvas to ours: a default 450x300 box becomes 225x150, close to our 240x150
SCALE = 0.5
#: space around a boundary's contents (the top leaves room for its two label lines)
_PAD_SIDE, _PAD_TOP = 16.0, 44.0

Point = tuple[float, float]


def has_manual_layout(view: m.View) -> bool:
    """Whether ``view`` is drawn from stored positions: no automatic layout, every box placed."""
    if view.auto_layout is not None or not view.positions:
        return False
    boxes, _, _ = plan_view(view)
    return bool(boxes) and all(e.id in view.positions for e in boxes)


def manual_layout(view: m.View, workspace: m.Workspace, limits: Limits | None = None) -> Layout | None:
    """The layout ``view``'s stored positions give, or ``None`` when it has none to draw from
    (or is over the layout limits, which the Graphviz path turns into a grid)."""
    if not has_manual_layout(view) or too_large(view, limits or current()):
        return None
    boxes, boundaries, where = plan_view(view)
    layout = Layout(width=0.0, height=0.0, engine="manual")
    placed: dict[int, Box] = {}
    for e in boxes:
        x, y = view.positions[e.id]
        w, h = element_size(workspace, e)
        box = Box(e, x * SCALE, y * SCALE, w * SCALE, h * SCALE)
        layout.boxes.append(box)
        placed[id(e)] = box
    layout.boundaries = _fit_boundaries(boxes, boundaries, where, placed)
    orders = [s.order for s in view.steps] if view.type == "Dynamic" else None
    for i, (r, label, reverse) in enumerate(view_edges(view)):
        a, b = placed.get(id(r.source)), placed.get(id(r.destination))
        if a is None or b is None:
            continue
        if reverse:
            a, b = b, a
        stored = view.vertices.get(orders[i] if orders is not None else r.id, [])
        bends = [(x * SCALE, y * SCALE) for x, y in stored]
        inner = bends or [_centre(b)]
        start = _border(a, inner[0])
        stop = _border(b, bends[-1] if bends else _centre(a))
        points = [start, *bends, stop]
        layout.arrows.append(Arrow(r, label, points, None, _middle(points), reverse))
    _fit(layout)
    return layout


def _centre(box: Box) -> Point:
    return box.x + box.w / 2, box.y + box.h / 2


def _border(box: Box, toward: Point) -> Point:
    """Where the line from ``box``'s centre toward ``toward`` leaves the box (the arrow ends there,
    not under the shape)."""
    cx, cy = _centre(box)
    dx, dy = toward[0] - cx, toward[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    reach = min(box.w / 2 / abs(dx) if dx else float("inf"), box.h / 2 / abs(dy) if dy else float("inf"))
    reach = min(reach, 1.0)  # a bend point inside the box: stop at it
    return cx + dx * reach, cy + dy * reach


def _middle(points: list[Point]) -> Point:
    """Where the label sits: the middle bend point, or the middle of the middle segment."""
    if len(points) % 2:
        return points[len(points) // 2]
    (x0, y0), (x1, y1) = points[len(points) // 2 - 1], points[len(points) // 2]
    return (x0 + x1) / 2, (y0 + y1) / 2


def _fit_boundaries(boxes: list[m.Element], boundaries: dict[str, Boundary], where: dict[int, str | None],
                    placed: dict[int, Box]) -> list[Boundary]:
    """Each boundary around what it contains, innermost first so an outer one wraps its inner ones
    (Structurizr computes these too: only element boxes have stored positions)."""
    extent: dict[str, list[float]] = {}

    def grow(key: str | None, x0: float, y0: float, x1: float, y1: float) -> None:
        if key is None:
            return
        box = extent.setdefault(key, [x0, y0, x1, y1])
        box[:] = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]

    for e in boxes:
        b = placed[id(e)]
        grow(where.get(id(e)), b.x, b.y, b.x + b.w, b.y + b.h)
    depth: dict[str, int] = {}

    def depth_of(key: str) -> int:
        # iterative, memoised: nesting comes from the spec
        chain: list[str] = []
        node: str | None = key
        while node is not None and node not in depth:
            chain.append(node)
            node = boundaries[node].parent
        level = depth[node] if node is not None else -1
        for k in reversed(chain):
            level += 1
            depth[k] = level
        return depth[key]

    order = sorted(boundaries, key=lambda k: -depth_of(k))  # stable: ties keep their order
    for key in order:
        if key not in extent:
            continue
        x0, y0, x1, y1 = extent[key]
        b = boundaries[key]
        b.x, b.y = x0 - _PAD_SIDE, y0 - _PAD_TOP
        b.w, b.h = x1 - x0 + 2 * _PAD_SIDE, y1 - y0 + _PAD_TOP + _PAD_SIDE
        grow(b.parent, b.x, b.y, b.x + b.w, b.y + b.h)
    return [b for b in boundaries.values() if b.w > 0]


def _fit(layout: Layout) -> None:
    """Move everything so the content starts at (0, 0) and size the drawing to it."""
    xs: list[float] = []
    ys: list[float] = []
    for box in layout.boxes:
        xs += [box.x, box.x + box.w]
        ys += [box.y, box.y + box.h]
    for b in layout.boundaries:
        xs += [b.x, b.x + b.w]
        ys += [b.y, b.y + b.h]
    for arrow in layout.arrows:
        for x, y in arrow.points:
            xs.append(x)
            ys.append(y)
    left, top = min(xs), min(ys)
    for box in layout.boxes:
        box.x, box.y = round(box.x - left, 2), round(box.y - top, 2)
    for b in layout.boundaries:
        b.x, b.y = round(b.x - left, 2), round(b.y - top, 2)
    for arrow in layout.arrows:
        arrow.points = [(round(x - left, 2), round(y - top, 2)) for x, y in arrow.points]
        if arrow.label_at is not None:
            arrow.label_at = (round(arrow.label_at[0] - left, 2), round(arrow.label_at[1] - top, 2))
    layout.width, layout.height = round(max(xs) - left, 2), round(max(ys) - top, 2)
