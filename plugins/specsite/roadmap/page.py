"""The roadmap page: Now / Next / Later, the timeline, the requirement mix per release, the debt
scheduled per release and a table of every PRD shown.

The page is Markdown holding raw HTML and SVG (MkDocs does not rewrite links in raw HTML, so
every link is a final URL from :func:`specsite.core.urls.relative_url`); every spec value goes
through :mod:`specsite.core.escape`.

No part of it grows with the number of PRDs without bound: the table is paged like the other
views (:func:`specsite.core.html_table.paginate`: its first rows on the page itself, the rest on
``requirements/roadmap/2.md``...), each phase names at most :data:`PHASE_LISTED` PRDs, the charts
and the debt section at most :data:`MAX_RELEASES` releases, and the timeline
:data:`~specsite.roadmap.timeline.MAX_DRAWN` PRDs; each says what it leaves out and where to find it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable

from ..adr.pages import status_badge
from ..core.escape import html_attr, html_text, md_text
from ..core.graph import SpecGraph
from ..core.html_table import Chunk, HtmlBlocks, HtmlTable, page_heading, pager, paginate
from ..core.kind import GeneratedPage, SiteContext
from ..core.urls import relative_url
from ..prd.entities import PAGE_DIR
from ..prd.scores import kano_category
from . import timeline
from .charts import KANO, MOSCOW, Category, Group, category_bars
from .plan import Item, Roadmap

PATH = f"{PAGE_DIR}/roadmap.md"
DEBT_KIND = "debt"
DEBT_SCHEDULED = "scheduled"
#: the heading (and anchor) of the table of every PRD, on each of its pages
TABLE_HEADING = "Every PRD on the roadmap"
TABLE_ANCHOR = "every-prd-on-the-roadmap"
#: the most PRDs a phase (Now, Next, Later) names; the others are counted, with a link to the table
PHASE_LISTED = 20
#: the most releases a chart or the debt section shows, and the most earlier releases named
MAX_RELEASES = 40
#: the most debt items named for one release
DEBT_LISTED = 10
#: a release name in a pager label is cut to this many characters (the label is on every page)
_LABEL_CHARS = 40


@dataclass(frozen=True)
class Mix:
    """A chart of the requirements per release by one category (MoSCoW, Kano...)."""

    heading: str
    intro: str
    category_of: Callable[[Any], str | None]
    categories: list[Category]


#: the requirement mixes the page charts, in order
MIXES: list[Mix] = [
    Mix("MoSCoW mix per release", "Requirements of the PRDs shown, per release, by MoSCoW priority.",
        lambda requirement: requirement.priority, MOSCOW),
    Mix("Kano mix per release", "Requirements of the PRDs shown, per release, by Kano category "
        "(requirements without one are not counted).", lambda requirement: kano_category(requirement.kano), KANO),
]


class _Links:
    """Final URLs from one page of the roadmap to entity pages."""

    def __init__(self, graph: SpecGraph, site: SiteContext, page: str = PATH) -> None:
        self.graph, self.site, self.page = graph, site, page

    def href(self, target: str) -> str | None:
        entity = self.graph.get(target)
        if entity is None or not entity.page:
            return None
        return relative_url(self.page, entity.page, self.site.use_directory_urls, entity.anchor)

    def table(self, chunk_path: str) -> str:
        """The URL of the table on the roadmap page ``chunk_path`` (this page or another)."""
        if chunk_path == self.page:
            return f"#{TABLE_ANCHOR}"
        return relative_url(self.page, chunk_path, self.site.use_directory_urls, TABLE_ANCHOR)

    def one(self, target: str, text: str | None = None) -> str:
        entity = self.graph.get(target)
        href = self.href(target)
        label = html_text(text if text is not None else target)
        if entity is None or href is None:
            return label
        # an ID link never breaks at its hyphen ("PRD-" / "0001.R1" in a narrow column)
        id_class = ' class="specsite-id"' if text is None else ""
        return f'<a href="{html_attr(href)}" title="{html_attr(entity.title)}"{id_class}>{label}</a>'


def render(roadmap: Roadmap, graph: SpecGraph, site: SiteContext) -> list[GeneratedPage]:
    """The roadmap page, then the further pages of its table when the PRDs shown fill more than
    one (:data:`specsite.core.html_table.ROWS_PER_PAGE` rows a page)."""
    links = _Links(graph, site)
    shown = roadmap.shown
    chunks: list[Chunk[Item]] = paginate(PATH, shown)
    #: the table page each PRD's row is on, for "and N more" links
    table_page = {item.id: chunk.path for chunk in chunks for item in chunk.items}
    labels = [_label(chunk.items) for chunk in chunks]
    statuses = ", ".join(roadmap.options.statuses)
    paged = "" if len(chunks) < 2 else f" (over {len(chunks)} pages)"
    parts = ["# Roadmap", "",
             f"{_count(len(shown), 'PRD')} with the status {md_text(statuses)}, by release: "
             "quarters (<code>2027-Q1</code>) in date order, named releases in the order of the "
             "<code>roadmap.releases</code> option, others in natural order, PRDs without a "
             "release under *Unscheduled*. Each PRD links to its page; the "
             f"[table](#{TABLE_ANCHOR}) lists them all{paged}.", ""]
    if not shown:
        parts += ["No PRD with these statuses yet.", ""]
    else:
        parts += _phases(roadmap, links, table_page)
        parts += _timeline(roadmap, links)
        for mix in MIXES:
            parts += _mix(roadmap, mix)
    parts += _debt(roadmap, graph, links)
    if not shown:
        return [GeneratedPage(PATH, "Roadmap", "\n".join(parts) + "\n")]
    pages = []
    for chunk in chunks:
        nav = pager(chunk, chunks, labels, site.use_directory_urls)
        if chunk.number == 1:
            heading, lines = "Roadmap", parts
        else:
            heading = page_heading("Roadmap", chunk, chunks)
            lines = [f"# {heading}", ""]
        blocks = HtmlBlocks()
        table = _table(roadmap, _Links(graph, site, chunk.path), chunk.items)
        lines = [*lines, f"## {TABLE_HEADING}", "", nav, blocks.add(table), nav]
        pages.append(GeneratedPage(chunk.path, heading, "\n".join(lines) + "\n", html=blocks.html))
    return pages


def _label(items: list[Item]) -> str:
    """What a page of the table holds: its releases (``2027-Q1 – 2027-Q3``)."""
    if not items:
        return ""
    first, last = _short(items[0].column), _short(items[-1].column)
    return first if first == last else f"{first} – {last}"


def _short(name: str) -> str:
    return name if len(name) <= _LABEL_CHARS else name[:_LABEL_CHARS - 1] + "…"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _phases(roadmap: Roadmap, links: _Links, table_page: dict[str, str]) -> list[str]:
    by_release: dict[str, list[Item]] = defaultdict(list)
    for item in roadmap.shown:
        by_release[item.column].append(item)
    how = ("the release(s) <code>roadmap.current</code> names" if roadmap.now and
           roadmap.options.current else "the first release with a PRD not yet shipped")
    lines = ["## Now, next, later", "",
             f"*Now* is {how}; *Next* the release after it; *Later* every release after that, "
             "then the unscheduled PRDs.", ""]
    if roadmap.earlier:
        # the latest earlier releases: the ones a reader looks back to
        named = roadmap.earlier[-MAX_RELEASES:]
        older = len(roadmap.earlier) - len(named)
        lines += ["Earlier releases: " + ", ".join(
            f"{md_text(r)} ({_count(len(by_release[r]), 'PRD')})" for r in named)
            + (f" and {_count(older, 'older release')}" if older else "") + ".", ""]
    cells = []
    for phase, releases in (("Now", roadmap.now), ("Next", roadmap.next), ("Later", roadmap.later)):
        items = [(release, item) for release in releases for item in by_release[release]]
        entries = [f"<li>{links.one(item.id)} {html_text(item.prd.title)} "
                   f"{status_badge(item.status)} <small>{html_text(release)}</small></li>"
                   for release, item in items[:PHASE_LISTED]]
        if len(items) > PHASE_LISTED:
            # the table's rows follow the same order: the first left out leads to the rest
            href = links.table(table_page[items[PHASE_LISTED][1].id])
            more = _count(len(items) - PHASE_LISTED, "more PRD")
            entries.append(f'<li class="specsite-roadmap-more">and {more} in the '
                           f'<a href="{html_attr(href)}">table</a></li>')
        body = f"<ul>{''.join(entries)}</ul>" if entries else "<p><em>Nothing planned.</em></p>"
        names = html_text(", ".join(releases[:MAX_RELEASES])) if releases else "–"
        if len(releases) > MAX_RELEASES:
            names += f" and {len(releases) - MAX_RELEASES} more"
        cells.append(f'<div class="specsite-roadmap-phase"><p><strong>{phase}</strong> · {names}</p>'
                     f"{body}</div>")
    lines += ['<div class="specsite-roadmap-phases">', *cells, "</div>", ""]
    return lines


def _timeline(roadmap: Roadmap, links: _Links) -> list[str]:
    svg = timeline.render(roadmap, links.href)
    lines = ["## Timeline", "",
             "One column per release, " + ("one lane per " + {"owner": "owner", "system":
             "C4 software system the PRD touches most", "tag": "first tag"}[roadmap.options.lanes]
             + ", " if roadmap.options.lanes != "none" else "") +
             "each PRD coloured by status with its milestones (◆ done, ◇ open). An arrow runs "
             "from a PRD to each PRD that depends on it (its own <code>depends_on</code> or one of "
             "its requirements'); a red dashed arrow points back in time: the dependency is "
             "planned after the PRD that needs it.", ""]
    left_out = len(roadmap.shown) - len(timeline.drawn_items(roadmap))
    if left_out:
        lines += [f"The timeline draws the first {timeline.MAX_DRAWN} PRDs; {left_out} more are "
                  "left out of it and listed in the [table](#every-prd-on-the-roadmap).", ""]
    lines += ['<div class="specsite-roadmap-frame">', svg, "</div>", ""]
    lines.append("Status: " + " ".join(status_badge(s) for s in roadmap.options.statuses))
    return lines + [""]


def charted(roadmap: Roadmap) -> list[str]:
    """The releases the charts show: all of them, or :data:`MAX_RELEASES` from the first Now
    release on (earlier ones when fewer follow it)."""
    releases = roadmap.releases
    if len(releases) <= MAX_RELEASES:
        return releases
    start = releases.index(roadmap.now[0]) if roadmap.now else 0
    start = min(start, len(releases) - MAX_RELEASES)
    return releases[start:start + MAX_RELEASES]


def _mix(roadmap: Roadmap, mix: Mix) -> list[str]:
    releases = charted(roadmap)
    by_release: dict[str, list] = defaultdict(list)
    for item in roadmap.shown:
        by_release[item.column].extend(item.prd.requirements)
    svg = category_bars([Group(release, by_release[release]) for release in releases],
                        mix.category_of, mix.categories, mix.heading)
    if not svg:
        return []
    left_out = len(roadmap.releases) - len(releases)
    note = [f"The chart shows {len(releases)} releases from {md_text(releases[0])}; "
            f"{_count(left_out, 'other release')} {'is' if left_out == 1 else 'are'} left out of "
            f"it (the [table](#{TABLE_ANCHOR}) lists their PRDs).", ""] if left_out else []
    return [f"## {mix.heading}", "", mix.intro, "", *note, '<div class="specsite-roadmap-chart">', svg,
            "</div>", ""]


def _debt(roadmap: Roadmap, graph: SpecGraph, links: _Links) -> list[str]:
    """Technical debt scheduled for a release: entities of kind ``debt`` with the status
    ``scheduled`` and a ``release``, grouped by release in roadmap order (at most
    :data:`MAX_RELEASES` releases of :data:`DEBT_LISTED` items each; the register has them all)."""
    by_release: dict[str, list] = defaultdict(list)
    for entity in graph.of_kind(DEBT_KIND):
        release = entity.attrs.get("release")
        status = entity.status or entity.attrs.get("status")
        if status == DEBT_SCHEDULED and isinstance(release, (str, int, float)) and str(release).strip():
            by_release[str(release).strip()].append(entity)
    if not by_release:
        return []
    lines = ["## Debt scheduled per release", "",
             "Technical debt with the status *scheduled*, by the release it is planned for.", ""]
    releases = sorted(by_release, key=roadmap.order.key)
    for release in releases[:MAX_RELEASES]:
        entities = by_release[release]
        items = ", ".join(f"{links.one(e.id)} {html_text(e.title)}" for e in entities[:DEBT_LISTED])
        if len(entities) > DEBT_LISTED:
            items += f" and {len(entities) - DEBT_LISTED} more"
        lines.append(f"<p><strong>{html_text(release)}</strong>: {items}</p>")
    if len(releases) > MAX_RELEASES:
        rest = releases[MAX_RELEASES:]
        count = sum(len(by_release[r]) for r in rest)
        lines.append(f"<p>{_count(len(rest), 'later release')} with {_count(count, 'debt item')} "
                     "more: the debt register lists them.</p>")
    return lines + [""]


def _table(roadmap: Roadmap, links: _Links, items: list[Item]) -> str:
    """The rows of ``items`` as an HTML table (kept out of Markdown: :class:`HtmlBlocks`)."""
    lanes = roadmap.options.lanes not in ("none", "owner")  # owner has its own column
    headers = ["Release", "PRD", "Status", "Owner", *(["Lane"] if lanes else []), "Milestones",
               "Depends on"]
    table = HtmlTable(headers, filter_column=3, fit=(1, 3))
    for item in items:
        milestones = "<br>".join(
            f"{'◆' if m.done else '◇'} {html_text(m.date or '')} {html_text(m.name)}".replace("  ", " ")
            for m in item.milestones) or "–"
        depends = ", ".join(links.one(t) for t in dict.fromkeys(d.target for d in item.depends_on
                                                                 if d.target_prd != item.id)) or "–"
        table.rows.append([
            html_text(item.column), f"{links.one(item.id)} {html_text(item.prd.title)}",
            status_badge(item.status), html_text(item.prd.owner),
            *([html_text(item.lane)] if lanes else []), milestones, depends])
    return table.render()
