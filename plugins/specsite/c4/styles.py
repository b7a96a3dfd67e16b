"""Element and relationship styles: Structurizr's defaults overlaid with the workspace's tag styles."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..core.escape import css_colour
from .model import CONTAINER_INSTANCE, SOFTWARE_SYSTEM_INSTANCE, Element, ElementStyle, Relationship, Workspace

_SHAPES = {
    "box", "roundedbox", "circle", "ellipse", "hexagon", "diamond", "cylinder", "bucket", "pipe",
    "person", "robot", "folder", "webbrowser", "window", "terminal", "shell",
    "mobiledeviceportrait", "mobiledevicelandscape", "component",
}


@dataclass(frozen=True)
class Look:
    """How one element is drawn."""

    shape: str = "box"
    background: str = "#dddddd"
    color: str = "#000000"
    stroke: str = ""
    stroke_width: float = 2.0
    border: str = "solid"
    opacity: float = 1.0
    font_size: float = 24.0


@dataclass(frozen=True)
class LineLook:
    """How one relationship is drawn."""

    color: str = "#707070"
    thickness: float = 2.0
    dashed: bool = True
    opacity: float = 1.0
    font_size: float = 24.0


def _tags(element: Element) -> list[str]:
    if element.type in (SOFTWARE_SYSTEM_INSTANCE, CONTAINER_INSTANCE) and element.instance_of:
        return [*element.instance_of.tags, *element.tags]
    return list(element.tags)


def _merged(styles: list[ElementStyle], tags: list[str]) -> dict[str, str]:
    """Values of every style whose tag the item has, later tags winning (as in Structurizr)."""
    values: dict[str, str] = {}
    lowered = [t.lower() for t in tags]
    for tag in lowered:
        for style in styles:
            if style.tag.lower() == tag:
                values.update(style.values)
    return values


def _number(value: str | None, default: float) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default


_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
#: style properties whose value is a colour
COLOUR_KEYS = ("background", "color", "colour", "stroke")


def is_colour(value: str) -> bool:
    """``#rgb``, ``#rrggbb`` or a colour name (``red``)."""
    return bool(_HEX_COLOUR.fullmatch(value)) or (value.isascii() and value.isalpha())


def _colour(value: str | None, default: str) -> str:
    # the colour lands in SVG attributes: anything but a colour is drawn in the default
    return css_colour(value) or default


def darker(colour: str) -> str:
    """A darker shade of a ``#rrggbb`` colour, for the default stroke."""
    if not (_HEX_COLOUR.fullmatch(colour) and len(colour) == 7):
        return "#9a9a9a"
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{int(c * 0.7):02x}" for c in rgb)


def element_look(workspace: Workspace, element: Element) -> Look:
    """The style of an element (instances take the style of what they deploy)."""
    v = _merged(workspace.element_styles, _tags(element))
    shape = (v.get("shape") or "box").lower()
    background = _colour(v.get("background"), "#dddddd")
    return Look(
        shape=shape if shape in _SHAPES else "box",
        background=background,
        color=_colour(v.get("color") or v.get("colour"), "#000000"),
        stroke=_colour(v.get("stroke"), darker(background)),
        stroke_width=max(1.0, min(10.0, _number(v.get("strokewidth"), 2.0))),
        border=(v.get("border") or "solid").lower(),
        opacity=max(0.0, min(100.0, _number(v.get("opacity"), 100.0))) / 100.0,
        font_size=max(8.0, min(60.0, _number(v.get("fontsize"), 24.0))),
    )


#: Structurizr's default element size, in its own coordinates
DEFAULT_SIZE = (450.0, 300.0)


def _size(value: str | None, default: float) -> float:
    number = _number(value, default)
    # a style is spec content: keep the size a finite, drawable number
    return max(10.0, min(10_000.0, number)) if math.isfinite(number) else default


def element_size(workspace: Workspace, element: Element) -> tuple[float, float]:
    """An element's ``width``/``height`` from its styles, in Structurizr's coordinates (450x300
    unless a style says otherwise); used to draw a manual layout."""
    v = _merged(workspace.element_styles, _tags(element))
    return _size(v.get("width"), DEFAULT_SIZE[0]), _size(v.get("height"), DEFAULT_SIZE[1])


def relationship_look(workspace: Workspace, relationship: Relationship) -> LineLook:
    """The style of a relationship."""
    v = _merged(workspace.relationship_styles, ["Relationship", *relationship.tags])
    dashed = v.get("dashed")
    style = (v.get("style") or "").lower()
    return LineLook(
        color=_colour(v.get("color") or v.get("colour"), "#707070"),
        thickness=max(1.0, min(10.0, _number(v.get("thickness"), 2.0))),
        dashed=(style in ("dashed", "dotted")) if style else (dashed or "true").lower() != "false",
        opacity=max(0.0, min(100.0, _number(v.get("opacity"), 100.0))) / 100.0,
        font_size=max(8.0, min(60.0, _number(v.get("fontsize"), 24.0))),
    )
