"""Generated pages: a model index, one page per view (with its SVG) and per person, system,
container and component."""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field

from ..core.entities import Entity
from ..core.escape import md_block, md_code, md_link, md_text, svg_attr
from ..core.findings import Finding
from ..core.graph import SpecGraph
from ..core.html_table import HtmlBlocks
from ..core.kind import GeneratedPage, SiteContext
from ..core.markdown import file_slug
from ..core.references import referenced_by
from ..core.urls import relative_md, relative_url
from . import model as m
from .docs import DocPage, WorkspaceDocs
from .identifiers import slug
from .layout import layout_view, too_large
from .manual_layout import manual_layout
from .legend import legend_html
from .rules import VIEW_TOO_LARGE
from .layout import Layout
from .svg import FOCUS, render_svg

PAGE_DIR = "architecture"
_OWN_PAGE = (m.PERSON, m.SOFTWARE_SYSTEM, m.CONTAINER, m.COMPONENT)
_DEPLOYMENT = m.DEPLOYMENT_TYPES
# an identifier kept as it is in a page's file name; any other gets a slug and a digest, so no
# identifier names a path outside the architecture folder or another page's file
_FILE_STEM = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")


@dataclass
class Site:
    """Where each workspace's pages go (a folder per workspace when there are several)."""

    folders: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, workspaces: list[m.Workspace]) -> "Site":
        site = cls()
        used: set[str] = set()
        for ws in workspaces:
            if len(workspaces) == 1:
                site.folders[id(ws)] = PAGE_DIR
                continue
            base = file_slug(ws.name or ws.file.rsplit("/", 1)[-1].rsplit(".", 1)[0], "element")
            name, n = base, 2
            while name in used:
                name, n = f"{base}-{n}", n + 1
            used.add(name)
            site.folders[id(ws)] = f"{PAGE_DIR}/{name}"
        return site

    def index(self, ws: m.Workspace) -> str:
        return f"{self.folders[id(ws)]}/index.md"

    def view_page(self, ws: m.Workspace, view: m.View) -> str:
        return f"{self.folders[id(ws)]}/views/{file_slug(view.key, 'view')}.md"

    def element_location(self, ws: m.Workspace, element: m.Element) -> tuple[str, str | None]:
        """The page an element is shown on, and the anchor there (``None`` for its own page)."""
        if element.type in _OWN_PAGE:
            return f"{self.folders[id(ws)]}/{_file_stem(element.id)}.md", None
        return self.index(ws), anchor(element)


def _file_stem(identifier: str) -> str:
    if _FILE_STEM.fullmatch(identifier):
        return identifier
    # "~" is in no identifier kept as it is: a made-up stem never takes another element's file
    digest = hashlib.sha256(identifier.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{slug(identifier)[:60].rstrip('-')}~{digest}"


def anchor(element: m.Element) -> str:
    """The HTML id an element without a page of its own has on the model index."""
    return "c4-" + slug(element.id)


def _link(from_page: str, site: Site, ws: m.Workspace, element: m.Element) -> str:
    page, where = site.element_location(ws, element)
    return f"[{md_text(element.name)}]({relative_md(from_page, page, where)})"


def _referrer(from_page: str, entity: Entity) -> str:
    title = md_text(entity.title or entity.id)
    if entity.page and entity.kind == "page":
        return f"[{title}]({relative_md(from_page, entity.page, entity.anchor)}) (page)"
    if entity.page:
        return f"[{md_text(entity.id)}]({relative_md(from_page, entity.page, entity.anchor)}): {title}"
    return f"{md_text(entity.id)}: {title}" + (f" ({md_code(entity.file)})" if entity.file else "")


class Layouts:
    """Each view's layout, computed once: a view page and the element pages showing the view
    draw the same layout (Graphviz is the costly part of a diagram)."""

    def __init__(self) -> None:
        self._by_view: dict[int, Layout] = {}
        #: a view's diagram block as drawn from a folder (links are relative to the page)
        self._drawn: dict[tuple[int, str], str] = {}

    def of(self, ws: m.Workspace, view: m.View) -> Layout:
        """The layout of ``view``: a JSON workspace's stored one, else Graphviz's."""
        key = id(view)
        if key not in self._by_view:
            self._by_view[key] = manual_layout(view, ws) or layout_view(view)
        return self._by_view[key]

    def drawn(self, ws: m.Workspace, view: m.View, page: str, site: Site, context: SiteContext) -> str:
        """The diagram block of ``view`` for a page in ``page``'s folder, drawn once per folder
        (every element page of a workspace sits in one folder, so a view is drawn once for all)."""
        key = (id(view), posixpath.dirname(page))
        if key not in self._drawn:
            self._drawn[key] = _diagram(ws, view, page, site, context, [], self)
        return self._drawn[key]


def _diagram(ws: m.Workspace, view: m.View, page: str, site: Site, context: SiteContext,
             findings: list[Finding], layouts: Layouts | None = None, focus: m.Element | None = None) -> str:
    """The view's diagram block; ``focus`` is highlighted (the element whose page shows it)."""
    def href(element: m.Element) -> str | None:
        # a deployed instance links to the page of what it deploys
        shown = element.instance_of if element.instance_of is not None else element
        target, where = site.element_location(ws, shown)
        return relative_url(page, target, context.use_directory_urls, where)

    # a JSON workspace's manual layout is drawn as stored; anything else goes to Graphviz
    layout = (layouts or Layouts()).of(ws, view)
    marks = context.diff_marks
    if focus is not None:
        # the mark a preview site gives changed elements, here naming the page's own element
        marks = {**marks, f"c4:{focus.id}": FOCUS}
    svg = render_svg(ws, view, layout, href, marks)
    note = ""
    if layout.fallback:
        # the reader sees why the boxes sit in a grid; over the work budget is known only now,
        # so it is also a finding of the page (a static size over the limit was one in check)
        note = (f'!!! warning "Drawn as a grid"\n    This view is too large to lay out: '
                f'{md_text(layout.fallback)}.\n\n')
        if not too_large(view):
            findings.append(VIEW_TOO_LARGE.at(
                f"{view.type} view '{view.key}' is drawn as a grid, not laid out: {layout.fallback}",
                view.place.file, view.place.line, view.place.column))
    # the toolbar (filled by c4-diagrams.js) sits above the frame, so it never covers the drawing;
    # the frame scrolls a diagram drawn at a readable scale instead of squeezing it into the column
    key = legend_html(ws, view.elements, [a.relationship for a in layout.arrows])
    return (f'{note}<div class="c4-view" data-specsite-view="{slug(view.key)}">\n'
            f'<div class="c4-toolbar" role="toolbar" aria-label="Diagram controls"></div>\n'
            f'<div class="c4-frame">\n{svg}</div>\n{key}</div>\n')


#: where a diagram block's HTML begins (after the Markdown note of a view drawn as a grid)
_VIEW_DIV = '<div class="c4-view"'


def _kept_out(block: str, blocks: HtmlBlocks) -> list[str]:
    """A diagram block for a page's Markdown: its note stays Markdown, and its HTML (an SVG of
    hundreds of tags, which Markdown would parse through) goes into ``blocks``."""
    at = block.find(_VIEW_DIV)
    if at < 0:
        return [block]
    return [block[:at] + blocks.add(block[at:], exact=True)]


def view_page(ws: m.Workspace, view: m.View, site: Site, context: SiteContext,
              layouts: Layouts | None = None) -> GeneratedPage:
    """A view's page: title, scope, description, the diagram, then its steps or elements."""
    path = site.view_page(ws, view)
    title = view.title or view.key
    findings: list[Finding] = []
    blocks = HtmlBlocks()
    lines = [f"# {md_text(title)}", "", f"*{md_text(view.type)} view* · key {md_code(view.key)}"]
    if view.scope is not None:
        lines[-1] += f" · scope {_link(path, site, ws, view.scope)}"
    if view.environment:
        lines[-1] += f" · environment *{md_text(view.environment)}*"
    lines.append("")
    if view.description:
        lines += [md_block(view.description), ""]
    if view.type == "Image":
        lines += [f"This view shows a picture that is not part of the model: {md_code(view.image)} "
                  "(not fetched).", ""]
    elif view.elements:
        lines += _kept_out(_diagram(ws, view, path, site, context, findings, layouts), blocks)
    else:
        lines += ["This view shows nothing.", ""]
    if view.type == "Dynamic" and view.steps:
        lines += ["## Steps", "", "| # | From | To | Description | Technology |", "|---|---|---|---|---|"]
        for step in view.steps:
            r = step.relationship
            a, b = (r.destination, r.source) if step.response else (r.source, r.destination)
            lines.append(f"| {md_text(step.order)} | {_link(path, site, ws, a)} | {_link(path, site, ws, b)} | "
                         f"{md_text(step.description)} | {md_text(step.shown_technology)} |")
        lines.append("")
    if view.elements and view.type != "Dynamic":
        lines += ["## Elements", ""]
        lines += [f"- {_link(path, site, ws, e)} *{md_text(e.type_label)}*" for e in view.elements]
        lines.append("")
    return GeneratedPage(path, title, "\n".join(lines), view.place.file, findings, html=blocks.html)


def _documentation(path: str, docs: list[DocPage]) -> list[str]:
    """A "Documentation" list of ``!docs`` pages (nothing when there are none)."""
    if not docs:
        return []
    return ["## Documentation", "", *(f"- [{md_text(d.title)}]({relative_md(path, d.path)})" for d in docs), ""]


def shown_in(ws: m.Workspace, e: m.Element) -> m.View | None:
    """The view an element's page draws: the first drawn view (in the workspace's order) that
    shows the element, a static one before a dynamic one."""
    drawn = [v for v in ws.views if v.type != "Image" and e in v.elements]
    return next((v for v in drawn if v.type != "Dynamic"), drawn[0] if drawn else None)


#: the largest diagram an element page embeds (a view of some 70 elements); a larger one is
#: linked, so a thousand element pages do not each carry a copy of a huge drawing
EMBED_LIMIT = 64 * 1024


def _in_diagram(ws: m.Workspace, e: m.Element, path: str, site: Site, context: SiteContext | None,
                layouts: Layouts | None, blocks: HtmlBlocks) -> list[str]:
    """An "In the diagram" section: the element's first view, the element highlighted (or a link
    to the view, when its diagram is over :data:`EMBED_LIMIT`)."""
    view = shown_in(ws, e) if context is not None else None
    if view is None or context is None:
        return []
    layouts = layouts or Layouts()
    link = f"[{md_text(view.title or view.key)}]({relative_md(path, site.view_page(ws, view))})"
    # a view too large to lay out is reported by its own page; here it is only drawn
    block = layouts.drawn(ws, view, path, site, context)
    if len(block) > EMBED_LIMIT:
        return ["## In the diagram", "", f"Shown in {link} (too large a drawing to repeat here).", ""]
    # the view's one drawing, with this element's group marked as the diff marks mark theirs
    plain = f'<g class="c4-element" data-specsite-id="{svg_attr(e.id)}"'
    if plain in block:
        block = block.replace(plain, f'<g class="c4-element c4-{FOCUS}" data-specsite-id="{svg_attr(e.id)}"', 1)
    else:  # marked already by a preview's diff: draw it again with the focus mark
        block = _diagram(ws, view, path, site, context, [], layouts, focus=e)
    return ["## In the diagram", "", f"Highlighted in {link}:", "", *_kept_out(block, blocks)]


def element_page(ws: m.Workspace, e: m.Element, site: Site, graph: SpecGraph,
                 docs: list[DocPage] = (), context: SiteContext | None = None,
                 layouts: Layouts | None = None) -> GeneratedPage:
    """A person's, software system's, container's or component's page, with what references it
    (a person's: the stories and PRDs naming it as their persona)."""
    path, _ = site.element_location(ws, e)
    blocks = HtmlBlocks()
    lines = [f"# {md_text(e.name)}", "",
             f"*{md_text(e.type_label)}*" + (f" · {md_text(e.technology)}" if e.technology else ""), ""]
    if e.description:
        lines += [md_block(e.description), ""]
    rows = [("Identifier", md_code(f"c4:{e.id}"))]
    if e.parent is not None:
        rows.append(("Part of", _link(path, site, ws, e.parent)))
    if e.group:
        rows.append(("Group", md_text(e.group)))
    if e.technology:
        rows.append(("Technology", md_text(e.technology)))
    rows.append(("Tags", ", ".join(md_text(t) for t in e.tags)))
    if e.url:
        rows.append(("URL", md_link(e.url)))
    rows.append(("Defined in", md_code(f"{e.place.file}:{e.place.line}")))
    lines += ["| | |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows), ""]
    lines += _in_diagram(ws, e, path, site, context, layouts, blocks)
    if e.properties:
        lines += ["## Properties", "", "| Name | Value |", "|---|---|"]
        lines += [f"| {md_text(k)} | {md_text(v)} |" for k, v in sorted(e.properties.items())]
        lines.append("")
    if e.perspectives:
        lines += ["## Perspectives", "", "| Perspective | Description |", "|---|---|"]
        lines += [f"| {md_text(k)} | {md_text(v)} |" for k, v in sorted(e.perspectives.items())]
        lines.append("")
    children = [c for c in ws.children(e) if c.type in m.STATIC_TYPES]
    if children:
        lines += ["## Contains", ""]
        lines += [f"- {_link(path, site, ws, c)} *{md_text(c.type_label)}*"
                  + (f": {md_text(c.description)}" if c.description else "")
                  for c in children]
        lines.append("")
    touching = ws.touching(e)
    for title, rels, other in (("Uses", [r for r in touching if r.source is e], "destination"),
                               ("Used by", [r for r in touching if r.destination is e], "source")):
        if rels:
            lines += [f"## {title}", "", "| Element | Description | Technology |", "|---|---|---|"]
            for r in rels:
                note = " *(implied)*" if r.implied else ""
                lines.append(f"| {_link(path, site, ws, getattr(r, other))} | {md_text(r.description)}{note} | "
                             f"{md_text(r.technology)} |")
            lines.append("")
    views = [v for v in ws.views if e in v.elements or v.scope is e]
    if views:
        lines += ["## Views", ""]
        lines += [f"- [{md_text(v.title or v.key)}]({relative_md(path, site.view_page(ws, v))}) *{md_text(v.type)}*"
                  for v in views]
        lines.append("")
    lines += _documentation(path, list(docs))
    lines += _operations(path, graph.get(f"c4:{e.id}"), graph)
    # relationships are listed above; here: what other specs say about the element
    lines.append(referenced_by(graph, f"c4:{e.id}", skip=frozenset({"c4"})))
    return GeneratedPage(path, e.name, "\n".join(lines), e.place.file, html=blocks.html)


OPERATIONS_SHOWN = 200


def _operations(path: str, entity: Entity | None, graph: SpecGraph) -> list[str]:
    """The operations of the API the element names in its properties (``openapi "x.yaml"``)."""
    source = entity.attrs.get("openapi") if entity is not None else None
    if not source:
        return []
    apis = [a for a in graph.of_kind("api") if a.file == source]
    if not apis:
        return []
    lines = ["## API operations", ""]
    for api in apis:
        operations = [o for o in graph.of_kind("operation") if o.parent == api.id]
        lines += [f"{_referrer(path, api)} — {len(operations)} operation(s)", "",
                  "| Operation | Method | Path | Summary |", "|---|---|---|---|"]
        for o in operations[:OPERATIONS_SHOWN]:
            name = md_text(o.id.split("#", 1)[-1])
            target = relative_md(path, o.page, o.anchor) if o.page else ""
            lines.append(f"| [{name}]({target}) | {md_text(str(o.attrs.get('method', '')).upper())} "
                         f"| {md_code(o.attrs.get('path', ''))} | {md_text(o.attrs.get('summary') or '')} |")
        if len(operations) > OPERATIONS_SHOWN:
            lines.append(f"\n{len(operations) - OPERATIONS_SHOWN} more on the API's pages.")
        lines.append("")
    return lines


def index_page(ws: m.Workspace, site: Site, docs: list[DocPage] = ()) -> GeneratedPage:
    """The model index: views, people, systems (with containers and components), deployments."""
    path = site.index(ws)
    title = ws.name or "Architecture"
    lines = [f"# {md_text(title)}", ""]
    if ws.description:
        lines += [md_block(ws.description), ""]
    lines += _documentation(path, list(docs))
    if ws.views:
        lines += ["## Views", "", "| View | Type | Description |", "|---|---|---|"]
        for v in ws.views:
            lines.append(f"| [{md_text(v.title or v.key)}]({relative_md(path, site.view_page(ws, v))}) | "
                         f"{md_text(v.type)} | {md_text(v.description)} |")
        lines.append("")
    people = [e for e in ws.elements if e.type == m.PERSON]
    if people:
        lines += ["## People", "", "| Person | Description |", "|---|---|"]
        lines += [f'| {_link(path, site, ws, e)} | {md_text(e.description)} |' for e in people]
        lines.append("")
    systems = [e for e in ws.elements if e.type in (m.SOFTWARE_SYSTEM, m.CUSTOM) and e.parent is None]
    if systems:
        lines += ["## Software systems", ""]
        for s in systems:
            lines.append(_tree_line(path, site, ws, s, 0))
            for c in ws.children(s):
                lines.append(_tree_line(path, site, ws, c, 1))
                for k in ws.children(c):
                    lines.append(_tree_line(path, site, ws, k, 2))
        lines.append("")
    environments = sorted({e.environment for e in ws.elements if e.environment})
    for env in environments:
        lines += [f"## Deployment: {md_text(env)}", ""]
        for e in ws.elements:
            if e.environment == env and e.type in _DEPLOYMENT:
                depth = len([a for a in e.ancestors() if a.type in _DEPLOYMENT])
                text = e.name + (f" x{e.instances}" if e.type == m.DEPLOYMENT_NODE and e.instances not in ("", "1") else "")
                lines.append(f'{"    " * depth}- <span id="{anchor(e)}"></span>{md_text(text)} *{md_text(e.type_label)}*'
                             + (f" · {md_text(e.technology)}" if e.technology else ""))
        lines.append("")
    return GeneratedPage(path, title, "\n".join(lines), ws.file)


def _tree_line(path: str, site: Site, ws: m.Workspace, e: m.Element, depth: int) -> str:
    anchor_html = "" if e.type in _OWN_PAGE else f'<span id="{anchor(e)}"></span>'
    name = _link(path, site, ws, e) if e.type in _OWN_PAGE else md_text(e.name)
    return f'{"    " * depth}- {anchor_html}{name} *{md_text(e.type_label)}*' + (
        f": {md_text(e.description)}" if e.description else "")


def render_pages(workspaces: list[m.Workspace], graph: SpecGraph, context: SiteContext,
                 docs: WorkspaceDocs | None = None) -> list[GeneratedPage]:
    """Every page of every workspace, sorted by path (the first workspace wins a clash)."""
    site = Site.of(workspaces)
    docs = docs or WorkspaceDocs()
    layouts = Layouts()
    pages: dict[str, GeneratedPage] = {}
    for ws in workspaces:
        base = site.folders[id(ws)]
        found = [index_page(ws, site, docs.owned_by(None, base))]
        found += [view_page(ws, v, site, context, layouts) for v in ws.views]
        found += [element_page(ws, e, site, graph, docs.owned_by(e.id, base), context, layouts)
                  for e in ws.elements if e.type in _OWN_PAGE]
        found += [GeneratedPage(d.path, d.title, d.markdown, d.source)
                  for d in docs.pages if d.path.startswith(base + "/")]
        for page in found:
            pages.setdefault(page.path, page)
    return [pages[p] for p in sorted(pages)]
