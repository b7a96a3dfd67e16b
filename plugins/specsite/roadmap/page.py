"""The roadmap page: Now / Next / Later, the timeline, the requirement mix per release, the debt
scheduled per release and a table of every PRD shown.

The page is Markdown holding raw HTML and SVG (MkDocs does not rewrite links in raw HTML, so
every link is a final URL from :func:`specsite.core.urls.relative_url`); every spec value goes
through :mod:`specsite.core.escape`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable

from ..adr.pages import status_badge
from ..core.escape import html_attr, html_text, md_text
from ..core.graph import SpecGraph
from ..core.html_table import HtmlTable
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
    """Final URLs from the roadmap page to entity pages."""

    def __init__(self, graph: SpecGraph, site: SiteContext) -> None:
        self.graph, self.site = graph, site

    def href(self, target: str) -> str | None:
        entity = self.graph.get(target)
        if entity is None or not entity.page:
            return None
        return relative_url(PATH, entity.page, self.site.use_directory_urls, entity.anchor)

    def one(self, target: str, text: str | None = None) -> str:
        entity = self.graph.get(target)
        href = self.href(target)
        label = html_text(text if text is not None else target)
        if entity is None or href is None:
            return label
        # an ID link never breaks at its hyphen ("PRD-" / "0001.R1" in a narrow column)
        id_class = ' class="specsite-id"' if text is None else ""
        return f'<a href="{html_attr(href)}" title="{html_attr(entity.title)}"{id_class}>{label}</a>'


def render(roadmap: Roadmap, graph: SpecGraph, site: SiteContext) -> GeneratedPage:
    """The roadmap page."""
    links = _Links(graph, site)
    shown = roadmap.shown
    statuses = ", ".join(roadmap.options.statuses)
    parts = ["# Roadmap", "",
             f"{_count(len(shown), 'PRD')} with the status {md_text(statuses)}, by release: "
             "quarters (<code>2027-Q1</code>) in date order, named releases in the order of the "
             "<code>roadmap.releases</code> option, others in natural order, PRDs without a "
             "release under *Unscheduled*. Each PRD links to its page; the "
             "[table](#every-prd-on-the-roadmap) lists them all.", ""]
    if not shown:
        parts += ["No PRD with these statuses yet.", ""]
    else:
        parts += _phases(roadmap, links)
        parts += _timeline(roadmap, links)
        for mix in MIXES:
            parts += _mix(roadmap, mix)
    parts += _debt(roadmap, graph, links)
    if shown:
        parts += _table(roadmap, links)
    return GeneratedPage(PATH, "Roadmap", "\n".join(parts) + "\n")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _phases(roadmap: Roadmap, links: _Links) -> list[str]:
    by_release: dict[str, list[Item]] = defaultdict(list)
    for item in roadmap.shown:
        by_release[item.column].append(item)
    how = ("the release(s) <code>roadmap.current</code> names" if roadmap.now and
           roadmap.options.current else "the first release with a PRD not yet shipped")
    lines = ["## Now, next, later", "",
             f"*Now* is {how}; *Next* the release after it; *Later* every release after that, "
             "then the unscheduled PRDs.", ""]
    if roadmap.earlier:
        lines += ["Earlier releases: " + ", ".join(
            f"{md_text(r)} ({_count(len(by_release[r]), 'PRD')})" for r in roadmap.earlier) + ".", ""]
    cells = []
    for phase, releases in (("Now", roadmap.now), ("Next", roadmap.next), ("Later", roadmap.later)):
        entries = []
        for release in releases:
            for item in by_release[release]:
                entries.append(f"<li>{links.one(item.id)} {html_text(item.prd.title)} "
                               f"{status_badge(item.status)} <small>{html_text(release)}</small></li>")
        body = f"<ul>{''.join(entries)}</ul>" if entries else "<p><em>Nothing planned.</em></p>"
        names = html_text(", ".join(releases)) if releases else "–"
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


def _mix(roadmap: Roadmap, mix: Mix) -> list[str]:
    groups = [Group(release, [r for i in roadmap.shown if i.column == release
                              for r in i.prd.requirements]) for release in roadmap.releases]
    svg = category_bars(groups, mix.category_of, mix.categories, mix.heading)
    if not svg:
        return []
    return [f"## {mix.heading}", "", mix.intro, "", '<div class="specsite-roadmap-chart">', svg,
            "</div>", ""]


def _debt(roadmap: Roadmap, graph: SpecGraph, links: _Links) -> list[str]:
    """Technical debt scheduled for a release: entities of kind ``debt`` with the status
    ``scheduled`` and a ``release``, grouped by release in roadmap order."""
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
    for release in sorted(by_release, key=roadmap.order.key):
        items = ", ".join(f"{links.one(e.id)} {html_text(e.title)}" for e in by_release[release])
        lines.append(f"<p><strong>{html_text(release)}</strong>: {items}</p>")
    return lines + [""]


def _table(roadmap: Roadmap, links: _Links) -> list[str]:
    lanes = roadmap.options.lanes not in ("none", "owner")  # owner has its own column
    headers = ["Release", "PRD", "Status", "Owner", *(["Lane"] if lanes else []), "Milestones",
               "Depends on"]
    table = HtmlTable(headers, filter_column=3, fit=(1, 3))
    for item in roadmap.shown:
        milestones = "<br>".join(
            f"{'◆' if m.done else '◇'} {html_text(m.date or '')} {html_text(m.name)}".replace("  ", " ")
            for m in item.milestones) or "–"
        depends = ", ".join(links.one(t) for t in dict.fromkeys(d.target for d in item.depends_on
                                                                 if d.target_prd != item.id)) or "–"
        table.rows.append([
            html_text(item.column), f"{links.one(item.id)} {html_text(item.prd.title)}",
            status_badge(item.status), html_text(item.prd.owner),
            *([html_text(item.lane)] if lanes else []), milestones, depends])
    return ["## Every PRD on the roadmap", "", table.render()]

