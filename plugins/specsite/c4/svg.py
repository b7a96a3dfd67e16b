"""A laid-out view drawn as a self-contained, deterministic SVG with C4 shapes and links."""

from __future__ import annotations

import re
import textwrap
from typing import Callable, Mapping

from ..core.escape import svg_attr, svg_text

from . import model as m
from .layout import Arrow, Box, Boundary, Layout
from .styles import Look, element_look, relationship_look

_PAD = 24.0
#: the mark of the element whose page shows the diagram (``c4-focus``)
FOCUS = "focus"
_MARKS = ("added", "changed", FOCUS)


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (stable across runs)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _id_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "view"


def _wrap(text: str, width_px: float, font: float, max_lines: int) -> list[str]:
    chars = max(8, int(width_px / (font * 0.55)))
    lines = textwrap.wrap(text, chars)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(0, chars - 1)].rstrip() + "…"
    return lines


def _shape(box: Box, look: Look) -> list[str]:
    x, y, w, h = box.x, box.y, box.w, box.h
    paint = (f'fill="{look.background}" stroke="{look.stroke}" stroke-width="{_n(look.stroke_width)}"'
             + {"dashed": ' stroke-dasharray="10 6"', "dotted": ' stroke-dasharray="2 4"'}.get(look.border, ""))
    s = look.shape
    if s == "person":
        r = h * 0.2
        cx = x + w / 2
        return [f'<rect x="{_n(x)}" y="{_n(y + r * 1.6)}" width="{_n(w)}" height="{_n(h - r * 1.6)}" '
                f'rx="{_n(r * 1.2)}" {paint}/>',
                f'<circle cx="{_n(cx)}" cy="{_n(y + r)}" r="{_n(r)}" {paint}/>']
    if s in ("cylinder", "bucket", "pipe"):
        ry = min(14.0, h * 0.1)
        d = (f"M{_n(x)},{_n(y + ry)} a{_n(w / 2)},{_n(ry)} 0 0,0 {_n(w)},0 "
             f"V{_n(y + h - ry)} a{_n(w / 2)},{_n(ry)} 0 0,1 {_n(-w)},0 Z")
        top = f"M{_n(x)},{_n(y + ry)} a{_n(w / 2)},{_n(ry)} 0 0,1 {_n(w)},0"
        return [f'<path d="{d}" {paint}/>', f'<path d="{top}" fill="none" stroke="{look.stroke}" '
                f'stroke-width="{_n(look.stroke_width)}"/>']
    if s in ("ellipse", "circle"):
        return [f'<ellipse cx="{_n(x + w / 2)}" cy="{_n(y + h / 2)}" rx="{_n(w / 2)}" ry="{_n(h / 2)}" {paint}/>']
    if s in ("hexagon", "diamond"):
        if s == "hexagon":
            pts = [(x + w * 0.15, y), (x + w * 0.85, y), (x + w, y + h / 2), (x + w * 0.85, y + h),
                   (x + w * 0.15, y + h), (x, y + h / 2)]
        else:
            pts = [(x + w / 2, y), (x + w, y + h / 2), (x + w / 2, y + h), (x, y + h / 2)]
        return [f'<polygon points="{" ".join(f"{_n(a)},{_n(b)}" for a, b in pts)}" {paint}/>']
    if s in ("webbrowser", "window", "terminal", "shell"):
        bar = y + 18
        return [f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="8" {paint}/>',
                f'<line x1="{_n(x)}" y1="{_n(bar)}" x2="{_n(x + w)}" y2="{_n(bar)}" stroke="{look.stroke}" '
                f'stroke-width="{_n(look.stroke_width)}"/>',
                *(f'<circle cx="{_n(x + 10 + 10 * i)}" cy="{_n(y + 9)}" r="3" fill="{look.stroke}"/>'
                  for i in range(3))]
    if s.startswith("mobiledevice"):
        return [f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="18" {paint}/>',
                f'<rect x="{_n(x + 14)}" y="{_n(y + 10)}" width="{_n(w - 28)}" height="{_n(h - 20)}" rx="4" '
                f'fill="none" stroke="{look.stroke}" stroke-width="1"/>']
    if s == "folder":
        d = (f"M{_n(x)},{_n(y + 12)} h{_n(w * 0.35)} l10,-12 h{_n(w * 0.65 - 10)} V{_n(y + h)} "
             f"H{_n(x)} Z")
        return [f'<path d="{d}" {paint}/>']
    if s == "component":
        return [f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" {paint}/>',
                f'<rect x="{_n(x - 8)}" y="{_n(y + 20)}" width="16" height="10" {paint}/>',
                f'<rect x="{_n(x - 8)}" y="{_n(y + 40)}" width="16" height="10" {paint}/>']
    radius = 0 if s == "box" else 14
    return [f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="{radius}" {paint}/>']


def _meta(element: m.Element) -> str:
    technology = element.technology
    if element.type == m.DEPLOYMENT_NODE and element.instances not in ("", "1"):
        technology = f"{technology}, x{element.instances}" if technology else f"x{element.instances}"
    return f"[{element.type_label}: {technology}]" if technology else f"[{element.type_label}]"


def _texts(box: Box, look: Look) -> list[str]:
    scale = look.font_size / 24.0
    name_size, meta_size, desc_size = 14 * scale, 10.5 * scale, 11 * scale
    top = box.y + (box.h * 0.4 if look.shape == "person" else 0)
    area = box.h - (top - box.y)
    inner_w = box.w - 24
    name = _wrap(box.element.name, inner_w, name_size, 2)
    desc = _wrap(box.element.description, inner_w, desc_size, 4)
    block = len(name) * name_size * 1.2 + meta_size * 1.6 + len(desc) * desc_size * 1.25
    y = top + max(6.0, (area - block) / 2) + name_size
    cx = _n(box.x + box.w / 2)
    out = []
    for line in name:
        out.append(f'<text x="{cx}" y="{_n(y)}" font-size="{_n(name_size)}" font-weight="bold">{svg_text(line)}</text>')
        y += name_size * 1.2
    out.append(f'<text x="{cx}" y="{_n(y)}" font-size="{_n(meta_size)}">{svg_text(_meta(box.element))}</text>')
    y += meta_size * 0.6 + desc_size * 1.25
    for line in desc:
        out.append(f'<text x="{cx}" y="{_n(y)}" font-size="{_n(desc_size)}">{svg_text(line)}</text>')
        y += desc_size * 1.25
    return out


def _boundary(b: Boundary) -> list[str]:
    stroke = "#888888" if b.kind == "Group" else "#444444"
    dash = "4 4" if b.kind == "Group" else "10 6"
    out = [f'<g class="c4-boundary" data-specsite-kind="{svg_attr(b.kind)}">',
           f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" height="{_n(b.h)}" rx="6" fill="none" '
           f'stroke="{stroke}" stroke-width="1.5" stroke-dasharray="{dash}"/>',
           f'<text x="{_n(b.x + 10)}" y="{_n(b.y + 18)}" font-size="13" font-weight="bold">{svg_text(b.label)}</text>',
           f'<text x="{_n(b.x + 10)}" y="{_n(b.y + 33)}" font-size="10.5">[{svg_text(b.meta or b.kind)}]</text>',
           "</g>"]
    return out


def _path(arrow: Arrow) -> str:
    pts = arrow.points
    if len(pts) >= 4 and (len(pts) - 1) % 3 == 0:
        d = f"M{_n(pts[0][0])},{_n(pts[0][1])}"
        for i in range(1, len(pts), 3):
            d += " C" + " ".join(f"{_n(px)},{_n(py)}" for px, py in pts[i:i + 3])
    else:
        d = "M" + " L".join(f"{_n(px)},{_n(py)}" for px, py in pts)
    if arrow.end is not None:
        d += f" L{_n(arrow.end[0])},{_n(arrow.end[1])}"
    return d


def _mark(marks: Mapping[str, str], *ids: str) -> str:
    """`` c4-added``/`` c4-changed`` when a preview site marks one of these entity IDs,
    `` c4-focus`` for the element whose page shows the diagram."""
    for entity_id in ids:
        if marks.get(entity_id) in _MARKS:
            return f" c4-{marks[entity_id]}"
    return ""


def _relationship_ids(r: m.Relationship) -> tuple[str, ...]:
    """The diff's names for a drawn relationship (a deployed one also by what it replicates)."""
    ids = [f"c4:{r.source.id}->{r.destination.id}"]
    if r.linked is not None:
        ids.append(f"c4:{r.linked.source.id}->{r.linked.destination.id}")
    return tuple(ids)


def render_svg(workspace: m.Workspace, view: m.View, layout: Layout,
               href: Callable[[m.Element], str | None], marks: Mapping[str, str] | None = None) -> str:
    """The SVG for ``view``; ``href`` gives each element's link (or ``None`` for no link);
    ``marks`` classes added and changed elements and relationships by entity ID (preview sites)
    and the focused element (an element's page)."""
    marks = marks or {}
    key = _id_part(view.key)
    width, height = layout.width + 2 * _PAD, layout.height + 2 * _PAD
    title = view.title or f"{view.type} view: {view.key}"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           f'class="c4-diagram" id="c4-view-{key}" '
           f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
           f'role="img" aria-labelledby="c4-title-{key}" '
           f'font-family="Helvetica, Arial, sans-serif" text-anchor="middle">',
           f'<title id="c4-title-{key}">{svg_text(title)}</title>']
    looks = {id(a): relationship_look(workspace, a.relationship) for a in layout.arrows}
    colours = sorted({look.color for look in looks.values()})
    out.append("<defs>")
    for i, colour in enumerate(colours):
        out.append(f'<marker id="c4-arrow-{key}-{i}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
                   f'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')
    out.append("</defs>")
    out.append(f'<rect class="c4-background" x="0" y="0" width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>')
    out.append(f'<g transform="translate({_n(_PAD)},{_n(_PAD)})">')
    out.append('<g class="c4-boundaries" text-anchor="start">')
    for b in sorted(layout.boundaries, key=lambda b: (b.w * b.h), reverse=True):
        out.extend(_boundary(b))
    out.append("</g>")
    out.append('<g class="c4-elements">')
    for box in layout.boxes:
        look = element_look(workspace, box.element)
        link = href(box.element)
        opacity = f' opacity="{_n(look.opacity)}"' if look.opacity < 1 else ""
        mark = _mark(marks, "c4:" + box.element.id)
        group = [f'<g class="c4-element{mark}" data-specsite-id="{svg_attr(box.element.id)}"{opacity} fill="{look.color}">',
                 f"<title>{svg_text(box.element.name)}</title>", *_shape(box, look),
                 f'<g fill="{look.color}">', *_texts(box, look), "</g>", "</g>"]
        if link:
            # xlink:href, not href: Material's instant navigation rewrites every a[href] and
            # fails on SVG links, whose href is read-only
            out.append(f'<a xlink:href="{svg_attr(link)}">')
            out.extend(group)
            out.append("</a>")
        else:
            out.extend(group)
    out.append("</g>")
    out.append('<g class="c4-relationships">')
    for arrow in layout.arrows:
        look = looks[id(arrow)]
        marker = f"c4-arrow-{key}-{colours.index(look.color)}"
        dash = ' stroke-dasharray="8 6"' if look.dashed else ""
        opacity = f' opacity="{_n(look.opacity)}"' if look.opacity < 1 else ""
        mark = _mark(marks, *_relationship_ids(arrow.relationship))
        out.append(f'<g class="c4-relationship{mark}" data-specsite-id="{svg_attr(arrow.relationship.id)}"{opacity}>')
        out.append(f'<path d="{_path(arrow)}" fill="none" stroke="{look.color}" '
                   f'stroke-width="{_n(look.thickness)}"{dash} marker-end="url(#{marker})"/>')
        if arrow.label_at is not None and arrow.label:
            size = 10 * look.font_size / 24.0
            x, y = arrow.label_at
            y -= (len(arrow.label) - 1) * size * 0.6
            for line in arrow.label:
                out.append(f'<text x="{_n(x)}" y="{_n(y + size * 0.35)}" font-size="{_n(size)}" fill="{look.color}" '
                           f'stroke="#ffffff" stroke-width="3" paint-order="stroke">{svg_text(line)}</text>')
                y += size * 1.2
        out.append("</g>")
    out.append("</g>")
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
