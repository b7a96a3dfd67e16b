"""The one sanitiser pass over rendered HTML from untrusted sources (ADR-0012).

Generated pages carry spec prose rendered from Markdown (ADR and PRD bodies, API descriptions,
``!docs`` pages) next to what specsite itself writes (tables, badges, SVG diagrams). The whole page
body goes through nh3 (the Python binding of the Rust ``ammonia`` sanitiser, an HTML5 parser with
an allow-list) after Markdown has rendered it: whatever a spec smuggles past Markdown (raw HTML,
``attr_list`` attributes, an unterminated tag, an entity-encoded ``javascript:`` link) is parsed
the way a browser parses it and reduced to the allow-list below. Escaping at the source
(:mod:`specsite.core.escape`) keeps the page correct; this pass keeps it safe when a source forgot.
"""

from __future__ import annotations

import re

import nh3

_HTML_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p",
    "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr", "nav", "section",
    "article", "aside", "header", "footer", "main",
}
_SVG_TAGS = {
    "svg", "g", "defs", "marker", "path", "rect", "circle", "ellipse", "line", "polyline",
    "polygon", "text", "tspan", "title", "desc", "symbol", "use", "clipPath", "linearGradient",
    "stop",
}
_GLOBAL = {"class", "id", "title", "lang", "dir", "role", "tabindex", "hidden"}
_SVG_ATTRS = {
    "viewBox", "xmlns", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r",
    "rx", "ry", "d", "points", "transform", "fill", "fill-opacity", "stroke", "stroke-width",
    "stroke-dasharray", "stroke-opacity", "stroke-linecap", "stroke-linejoin", "opacity",
    "font-size", "font-family", "font-weight", "font-style", "text-anchor", "dominant-baseline",
    "marker-end", "marker-start", "markerWidth", "markerHeight", "markerUnits", "refX", "refY",
    "orient", "preserveAspectRatio", "focusable", "dx", "dy", "offset", "stop-color",
    "gradientUnits", "clip-path", "href", "text-decoration", "letter-spacing",
    # relationship labels are drawn with a white halo under the text: without paint-order the
    # halo is painted over the letters and the label vanishes
    "paint-order",
}
_ATTRIBUTES: dict[str, set[str]] = {
    "*": _GLOBAL,
    "a": {"href", "xlink:href", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "checked", "disabled", "name"},
    "label": {"for"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "time": {"datetime"},
    "details": {"open"},
    "q": {"cite"},
    "blockquote": {"cite"},
    **{tag: _SVG_ATTRS for tag in _SVG_TAGS},
}
# Material's own elements are found by id (``__config`` holds the theme's settings, ``__search``,
# ``__drawer``...): content must not clobber them. Ids Material writes into content stay.
_RESERVED_ID = re.compile(r"^__(?!(?:tabbed|code|codelineno|fn|fnref|span)_)")
_SAFE_INPUT_TYPES = {"checkbox", "radio"}
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
_URL_ATTRS = {"href", "xlink:href", "src", "cite"}


def _filter(element: str, attribute: str, value: str) -> str | None:
    if attribute in ("id", "name", "for") and _RESERVED_ID.match(value):
        return None
    if element == "input" and attribute == "type" and value.lower() not in _SAFE_INPUT_TYPES:
        return None
    if attribute in _URL_ATTRS:
        scheme = _SCHEME.match(value)
        if element in ("img", "use"):
            # images and SVG uses load without a click: same site only (the site works offline)
            return None if scheme or value.lstrip().startswith("//") else value
        if element in _SVG_TAGS and element != "a":
            return None
        if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
            return None
    if attribute in ("fill", "stroke", "stop-color", "clip-path", "marker-end", "marker-start"):
        # paint may only be a colour or a reference to an element of the same page
        if "url(" in value.lower() and not re.fullmatch(r"\s*url\(#[\w.-]+\)\s*", value):
            return None
    return value


_OPTIONS = dict(
    tags=_HTML_TAGS | _SVG_TAGS,
    clean_content_tags={"script", "style"},
    attributes=_ATTRIBUTES,
    attribute_filter=_filter,
    generic_attribute_prefixes={"data-specsite-", "aria-"},
    url_schemes={"http", "https", "mailto"},
    link_rel=None,
    strip_comments=True,
)
# built once: handing nh3.clean the allow-list costs 30 times the cleaning of a short text, and
# API pages sanitise every description on its own
_CLEANER = nh3.Cleaner(**_OPTIONS) if hasattr(nh3, "Cleaner") else None


def sanitise_html(html: str) -> str:
    """Rendered HTML reduced to specsite's allow-list: no script, no event handler, no style, no
    URL scheme but ``http``, ``https``, ``mailto`` and relative, no image from another host."""
    if _CLEANER is not None:
        return _CLEANER.clean(html)
    return nh3.clean(html, **_OPTIONS)
