"""Pages for decisions: one per ADR, an index filterable by status, a timeline, a link graph."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core.escape import (html_attr, html_text, html_text_code, md_code, md_text, md_text_code,
                           svg_attr, svg_text)
from ..core.graph import SpecGraph
from ..core.html_table import Chunk, HtmlBlocks, HtmlTable, page_heading, pager, paginate
from ..core.kind import GeneratedPage, PageUnit, SiteContext, render_units
from ..core.markdown import slug
from ..core.references import referable, reference, referenced_by
from ..core.urls import relative_url
from .model import Decision, is_pair, label

if TYPE_CHECKING:
    from .kind import AdrModel

INDEX = "decisions/index.md"
TIMELINE = "decisions/timeline.md"
GRAPH = "decisions/graph.md"
_H1 = re.compile(r"^#\s+.*$", re.MULTILINE)
#: link text holds no ``[``: with it, each ``[`` of a long run would scan to the end of the line
_MD_LINK = re.compile(r"(?<!!)\[([^\[\]\n]*+)\]\(\s*<?([^)\s>]+)>?(\s+\"[^\"]*+\")?\s*\)")


def render_all(model: "AdrModel", graph: SpecGraph, site: SiteContext) -> list[GeneratedPage]:
    """Every ADR page plus the index, the timeline and the graph (none when there are no ADRs)."""
    return render_units(units(model, site), graph)


#: the unit of the index, the timeline and the graph (no decision ID has parentheses)
INDEX_UNIT = "(index)"


def units(model: "AdrModel", site: SiteContext) -> list[PageUnit]:
    """The decision pages as units ``mkdocs serve`` reuses one by one: the index, the timeline
    and the graph (made from every decision and its resolved links), then each decision's page
    (made from its parsed decision and where its links resolve)."""
    decisions = _unique(model.decisions)
    if not decisions and not model.folders:
        return []

    def overview(graph: SpecGraph) -> list[GeneratedPage]:
        blocks = HtmlBlocks()
        return [*_index(decisions, graph, site), *_timeline(decisions, graph, site),
                GeneratedPage(GRAPH, "Decision graph", _graph_page(model, decisions, site, blocks),
                              html=blocks.html)]

    out = [PageUnit(INDEX_UNIT, (tuple(model.decisions), tuple(model.resolved.items())), overview)]
    # which decision a relative link names (model.id_for_href) follows from the file names and
    # IDs in reading order: one flat tuple of strings, compared fast (mostly the same objects)
    names = tuple(x for d in model.decisions for x in (d.path_name, d.id))
    for d in decisions:
        # what the page takes from the model besides the decision: its stated links' targets
        # and the decisions its relative links name
        targets = tuple(model.target(d, i) for i in range(len(d.links)))
        out.append(PageUnit(d.id, (d, targets, names),
                            lambda graph, d=d: _decision_pages(d, model, graph)))
    return out


def _decision_pages(d: Decision, model: "AdrModel", graph: SpecGraph) -> list[GeneratedPage]:
    entity = graph.get(d.id)
    if entity is None:
        return []
    return [GeneratedPage(entity.page, f"{d.id}: {d.title or d.path_name}",
                          _decision_page(d, model, graph), d.file)]


def _unique(decisions: list[Decision]) -> list[Decision]:
    seen: dict[str, Decision] = {}
    for d in decisions:
        seen.setdefault(d.id, d)
    return sorted(seen.values(), key=lambda d: (d.number if d.number is not None else 10**9, d.id))


def status_badge(status: str | None) -> str:
    """An HTML badge for a status, styled by specsite.css (safe in Markdown and in a table)."""
    if not status:
        return '<span class="specsite-status specsite-status--none">no status</span>'
    return f'<span class="specsite-status specsite-status--{slug(status, "none")}">{md_text(status)}</span>'


def _link(page: str, entity_id: str, graph: SpecGraph, site: SiteContext) -> str:
    """An HTML link from ``page`` to a decision's page, titled with its title (raw HTML carries
    final URLs: MkDocs rewrites no link inside it)."""
    entity = graph.get(entity_id)
    if entity is None or not entity.page:
        return html_text(entity_id)
    href = relative_url(page, entity.page, site.use_directory_urls, entity.anchor)
    return f'<a href="{html_attr(href)}" title="{html_attr(entity.title)}">{html_text(entity_id)}</a>'


def _ranges(chunks: list[Chunk[Decision]]) -> list[str]:
    """What each page of a paged view holds: ``ADR-0001 – ADR-1000``."""
    return [f"{c.items[0].id} – {c.items[-1].id}" if c.items else "" for c in chunks]


def _index(decisions: list[Decision], graph: SpecGraph, site: SiteContext) -> list[GeneratedPage]:
    """The decision index: an HTML table of every decision, :data:`ROWS_PER_PAGE` rows a page."""
    chunks = paginate(INDEX, decisions)
    labels = _ranges(chunks)
    pages = []
    for chunk in chunks:
        nav = pager(chunk, chunks, labels, site.use_directory_urls)
        heading = page_heading("Architecture decisions", chunk, chunks)
        lines = [f"# {heading}", ""]
        if chunk.number == 1:
            lines += [f"{len(decisions)} decisions. See also the [timeline](timeline.md) and the "
                      "[graph of supersede and amend links](graph.md).", ""]
        # searchable and sortable, as log4brains' index; statuses as filter buttons
        table = HtmlTable(["ID", "Decision", "Status", "Date", "Deciders"], filter_column=3,
                          fit=(1, 3, 4))
        for d in chunk.items:
            deciders = ", ".join(html_text(n) for n in d.people.get("decision-makers", []))
            table.rows.append([_link(chunk.path, d.id, graph, site),
                               html_text_code(d.title or d.path_name), status_badge(d.status),
                               html_text(d.date or ""), deciders])
        blocks = HtmlBlocks()
        lines += [nav, blocks.add(table.render()), nav]
        pages.append(GeneratedPage(chunk.path, heading if chunk.number > 1 else "Decisions",
                                   "\n".join(lines), html=blocks.html))
    return pages


def _timeline(decisions: list[Decision], graph: SpecGraph, site: SiteContext) -> list[GeneratedPage]:
    """Decisions by date, a list per year (undated ones last), :data:`ROWS_PER_PAGE` a page."""
    dated = sorted((d for d in decisions if d.date), key=lambda d: (d.date, d.id))
    items = dated + [d for d in decisions if not d.date]
    chunks = paginate(TIMELINE, items)
    labels = [f"{c.items[0].date or 'undated'} – {c.items[-1].date or 'undated'}" if c.items else ""
              for c in chunks]
    pages = []
    for chunk in chunks:
        nav = pager(chunk, chunks, labels, site.use_directory_urls)
        heading = page_heading("Decision timeline", chunk, chunks)
        lines = [f"# {heading}", "", nav]
        blocks = HtmlBlocks()
        group: str | None = None
        entries: list[str] = []
        for d in chunk.items:
            year = d.date[:4] if d.date else "Undated"
            if year != group:
                lines += _year(group, entries, blocks)
                group, entries = year, []
            date = f"<strong>{html_text(d.date)}</strong> · " if d.date else ""
            entries.append(f"<li>{date}{_link(chunk.path, d.id, graph, site)} "
                           f"{html_text_code(d.title)} · {status_badge(d.status)}</li>")
        lines += _year(group, entries, blocks)
        lines.append(nav)
        pages.append(GeneratedPage(chunk.path, heading, "\n".join(lines) + "\n", html=blocks.html))
    return pages


def _year(year: str | None, entries: list[str], blocks: HtmlBlocks) -> list[str]:
    """One year's heading and its list (nothing before the first year)."""
    if year is None:
        return []
    return ["", f"## {md_text(year)}", "", blocks.add("\n".join(["<ul>", *entries, "</ul>"])), ""]


def _decision_page(d: Decision, model: "AdrModel", graph: SpecGraph) -> str:
    # rows of (label, value): every spec value is escaped here, so a row is Markdown ready for a
    # table cell (labels too: relations come from what the file writes, "Amended by"...)
    rows = [("Status", status_badge(d.status))]
    if d.date:
        rows.append(("Date", md_text(d.date)))
    for key, names in sorted(d.people.items()):
        rows.append((md_text(label(key)), ", ".join(md_text(n) for n in names)))
    if d.tags:
        rows.append(("Tags", ", ".join(md_text(t) for t in d.tags)))
    stated = set()
    for i, link in enumerate(d.links):
        target = model.target(d, i)
        if target:
            stated.add((link.rel, target))
            entity = graph.get(target)
            rows.append((md_text(label(link.rel)),
                         f"{reference(target)} {md_text_code(entity.title) if entity else ''}".rstrip()))
        else:
            rows.append((md_text(label(link.rel)), f"{md_text(link.raw)} (unknown decision)"))
    # Links stated only on the other side still show here, so each page shows both directions.
    for back in graph.backlinks(d.id):
        src = back.source
        if src.kind != "adr" or back.link.rel == "references" or src.id == d.id:
            continue
        if any(t == src.id and is_pair(rel, back.link.rel) for rel, t in stated):
            continue
        rows.append((f"{md_text(label(back.link.rel))} (stated by)",
                     f"{reference(src.id)} {md_text_code(src.title)}"))
    rows.append(("Source", md_code(d.file)))

    body = _H1.sub("", _without_card_lines(d), count=1).strip("\n")
    body = _link_decisions(body, model)
    lines = [f"# {md_text(d.id)}: {md_text_code(d.title or d.path_name)}", ""]
    lines += _superseded_banner(d, model, graph)
    lines += ["| | |", "|---|---|"]
    lines += [f"| **{k}** | {v} |" for k, v in rows]
    lines += ["", body, "", referenced_by(graph, d.id)]
    return "\n".join(lines)


def _successors(d: Decision, model: "AdrModel", graph: SpecGraph) -> list[str]:
    """IDs of the decisions that supersede ``d``, stated by ``d`` or by them, sorted."""
    found = {model.target(d, i) for i, link in enumerate(d.links) if link.rel == "superseded-by"}
    found |= {b.source.id for b in graph.backlinks(d.id)
              if b.source.kind == "adr" and b.link.rel == "supersedes" and b.source.id != d.id}
    return sorted(t for t in found if t)


def _superseded_banner(d: Decision, model: "AdrModel", graph: SpecGraph) -> list[str]:
    """A warning at the top of a superseded decision naming what replaced it (as log4brains)."""
    successors = _successors(d, model, graph)
    if (d.status or "").lower() != "superseded" and not successors:
        return []
    if not successors:
        return ['!!! warning "Superseded"', "    This decision is superseded; it does not name its successor.", ""]
    names = []
    for target in successors:
        entity = graph.get(target)
        names.append(f"{reference(target)} {md_text_code(entity.title) if entity else ''}".rstrip())
    return ['!!! warning "Superseded"', f"    This decision is superseded by {', '.join(names)}.", ""]


_HEADING = re.compile(r"^#{1,6}\s")


def _without_card_lines(d: Decision) -> str:
    """The body without what the metadata card already shows: the ``Date:`` and status lines and
    the links of a Nygard ``## Status`` section (a section left empty loses its heading too);
    any other text of the section stays."""
    lines = d.body.split("\n")
    shown = {d.date_line, d.status_line} | {link.line for link in d.links}
    drop = set()
    status_heading = None
    for i, line in enumerate(lines):
        number = d.body_line + i
        if _HEADING.match(line):
            status_heading = i if line.lstrip("#").strip().lower() == "status" else None
            continue
        in_status = status_heading is not None
        if number in (d.date_line, d.status_line) or (in_status and number in shown):
            drop.add(i)
    # a Status section with nothing left but blank lines goes as a whole
    start = None
    for i, line in enumerate([*lines, "# end"]):
        if _HEADING.match(line):
            if start is not None and all(j in drop or not lines[j].strip() for j in range(start + 1, i)):
                drop.update(range(start, i))
            start = i if i < len(lines) and line.lstrip("#").strip().lower() == "status" else None
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def _link_decisions(body: str, model: "AdrModel") -> str:
    """Relative links to other decision files become ``[[ID|text]]`` references."""

    def repl(m: re.Match) -> str:
        target = model.id_for_href(m.group(2))
        if target is None or not referable(target):
            return m.group(0)
        text = m.group(1).replace("|", "/").replace("[", "").replace("]", "") or target
        return f"[[{target}|{text}]]"

    return _MD_LINK.sub(repl, body)


# the legend's squares take the same colours from specsite.css (pages carry no style attributes)
_COLOURS = {"supersedes": "#c62828", "amends": "#1565c0"}


def _graph_page(model: "AdrModel", decisions: list[Decision], site: SiteContext,
                blocks: HtmlBlocks) -> str:
    """An arc diagram: decisions in order down the left, one arc per supersede/amend link (an
    SVG of thousands of tags, kept out of Markdown in ``blocks``)."""
    edges: set[tuple[str, str, str]] = set()
    for d in model.decisions:
        for i, link in enumerate(d.links):
            target = model.target(d, i)
            if not target or target == d.id:
                continue
            if link.rel.endswith("-by"):
                base = {"superseded": "supersedes", "amended": "amends"}.get(
                    link.rel[:-3], link.rel[:-3])
                edges.add((target, d.id, base))
            else:
                edges.add((d.id, target, link.rel))
    linked = {n for e in edges for n in e[:2]}
    shown = [d for d in decisions if d.id in linked]
    lines = ["# Decision graph", ""]
    if not shown:
        lines.append("No decision supersedes or amends another yet.")
        return "\n".join(lines) + "\n"
    lines.append("Arcs run from the newer decision to the one it supersedes or amends. "
                 "Click a decision to open it.")
    hidden = len(decisions) - len(shown)
    if hidden:
        lines.append(f"{hidden} decisions with no such link are not shown; see the [index](index.md).")
    # in a paragraph, as Markdown put it (an <svg> is no block-level tag to Python-Markdown)
    lines += ["", blocks.add(f"<p>{_arc_svg(shown, sorted(edges), site)}</p>", exact=True), ""]
    rels = sorted({e[2] for e in edges})
    lines.append("Legend: " + ", ".join(
        f'<span class="specsite-rel specsite-rel--{slug(r, "other")}">&#9632;</span> {md_text(label(r))}'
        for r in rels))
    return "\n".join(lines) + "\n"


def _arc_svg(shown: list[Decision], edges: list[tuple[str, str, str]], site: SiteContext) -> str:
    row, top, label_w = 28, 20, 460
    pos = {d.id: i for i, d in enumerate(shown)}
    span = max((abs(pos[a] - pos[b]) for a, b, _ in edges), default=1)
    width = label_w + 30 + span * 14 + 20
    height = top * 2 + row * len(shown)
    out = [f'<svg class="specsite-graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="Decision link graph">',
           '<defs><marker id="specsite-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
           'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/>'
           '</marker></defs>']
    for d in shown:
        y = top + pos[d.id] * row + row // 2
        href = svg_attr(relative_url(GRAPH, f"decisions/{d.id}.md", site.use_directory_urls))
        title = (d.title or d.path_name)
        short = title if len(title) <= 48 else title[:47] + "…"
        out.append(f'<a href="{href}"><title>{svg_text(d.id)}: {svg_text(title)}</title>'
                   f'<circle cx="{label_w + 10}" cy="{y}" r="5" class="specsite-node specsite-status--{slug(d.status or "", "none")}"/>'
                   f'<text x="{label_w}" y="{y + 4}" text-anchor="end">{svg_text(d.id)} · {svg_text(short)}</text></a>')
    for a, b, rel in edges:
        ya = top + pos[a] * row + row // 2
        yb = top + pos[b] * row + row // 2
        x = label_w + 16
        bulge = x + 16 + abs(pos[a] - pos[b]) * 14
        colour = _COLOURS.get(rel, "#6a1b9a")
        out.append(f'<path d="M{x},{ya} C{bulge},{ya} {bulge},{yb} {x},{yb}" fill="none" stroke="{colour}" '
                   f'stroke-width="1.6" marker-end="url(#specsite-arrow)"><title>{svg_text(a)} '
                   f'{svg_text(label(rel).lower())} {svg_text(b)}</title></path>')
    out.append("</svg>")
    return "\n".join(out)
