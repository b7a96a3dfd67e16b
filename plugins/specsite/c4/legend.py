"""The key under a C4 diagram: one entry per element look and per line look the view uses."""

from __future__ import annotations

from ..core.escape import html_text, svg_attr

from . import model as m
from .styles import LineLook, Look, element_look, relationship_look

_SWATCH_W, _SWATCH_H = 36, 22


def _styled_tag(tags: list[str], styled: set[str], fallback: str) -> str:
    """The last of ``tags`` a style names (the one that wins in Structurizr), else ``fallback``."""
    for tag in reversed(tags):
        if tag.lower() in styled and tag.lower() not in ("element", "relationship"):
            return tag
    return fallback


def _element_swatch(look: Look) -> str:
    dash = {"dashed": ' stroke-dasharray="6 3"', "dotted": ' stroke-dasharray="2 2"'}.get(look.border, "")
    paint = (f'fill="{svg_attr(look.background)}" stroke="{svg_attr(look.stroke)}" stroke-width="2"{dash}')
    s = look.shape
    if s == "person":
        body = (f'<circle cx="18" cy="6" r="5" {paint}/>'
                f'<rect x="6" y="11" width="24" height="10" rx="4" {paint}/>')
    elif s in ("cylinder", "bucket", "pipe"):
        body = (f'<path d="M4,5 a14,3 0 0,0 28,0 V18 a14,3 0 0,1 -28,0 Z" {paint}/>'
                f'<path d="M4,5 a14,3 0 0,1 28,0" fill="none" stroke="{svg_attr(look.stroke)}" stroke-width="2"/>')
    elif s in ("ellipse", "circle"):
        body = f'<ellipse cx="18" cy="11" rx="15" ry="9" {paint}/>'
    elif s == "hexagon":
        body = f'<polygon points="8,2 28,2 34,11 28,20 8,20 2,11" {paint}/>'
    elif s == "diamond":
        body = f'<polygon points="18,1 34,11 18,21 2,11" {paint}/>'
    else:
        radius = 0 if s in ("box", "component", "folder") else 4
        body = f'<rect x="2" y="2" width="32" height="18" rx="{radius}" {paint}/>'
    # the text colour is shown as a letter inside the shape
    text = (f'<text x="18" y="15" font-size="10" text-anchor="middle" font-family="sans-serif" '
            f'fill="{svg_attr(look.color)}">Aa</text>')
    return (f'<svg class="c4-key-swatch" width="{_SWATCH_W}" height="{_SWATCH_H}" '
            f'viewBox="0 0 {_SWATCH_W} {_SWATCH_H}" aria-hidden="true">{body}{text}</svg>')


def _line_swatch(look: LineLook) -> str:
    dash = ' stroke-dasharray="5 4"' if look.dashed else ""
    width = max(1.0, min(4.0, look.thickness))
    return (f'<svg class="c4-key-swatch" width="{_SWATCH_W}" height="{_SWATCH_H}" '
            f'viewBox="0 0 {_SWATCH_W} {_SWATCH_H}" aria-hidden="true">'
            f'<line x1="2" y1="11" x2="28" y2="11" stroke="{svg_attr(look.color)}" stroke-width="{width:g}"{dash}/>'
            f'<path d="M27,6 L34,11 L27,16 z" fill="{svg_attr(look.color)}"/></svg>')


def legend_html(workspace: m.Workspace, elements: list[m.Element],
                relationships: list[m.Relationship]) -> str:
    """An HTML key of the shapes, colours and line styles a diagram of ``elements`` and
    ``relationships`` draws, each named by the tag
    whose style it is (or the element's type), in first-drawn order; every name escaped."""
    element_styles = {s.tag.lower() for s in workspace.element_styles}
    line_styles = {s.tag.lower() for s in workspace.relationship_styles}
    looks: dict[Look, list[str]] = {}
    for element in elements:
        shown = element.instance_of if element.instance_of is not None else element
        name = _styled_tag([*shown.tags, *element.tags], element_styles, element.type_label)
        names = looks.setdefault(element_look(workspace, element), [])
        if name not in names:
            names.append(name)
    lines: dict[LineLook, list[str]] = {}
    for relationship in relationships:
        name = _styled_tag(list(relationship.tags), line_styles, "Relationship")
        names = lines.setdefault(relationship_look(workspace, relationship), [])
        if name not in names:
            names.append(name)
    items = [f'<li>{_element_swatch(look)}<span>{html_text(", ".join(names))}</span></li>'
             for look, names in looks.items()]
    items += [f'<li>{_line_swatch(look)}<span>{html_text(", ".join(names))}</span></li>'
              for look, names in lines.items()]
    if not items:
        return ""
    return ('<div class="c4-key" role="note" aria-label="Key"><ul>' + "".join(items) + "</ul></div>\n")
