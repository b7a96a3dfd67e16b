"""The prioritisation page: value/effort charts (RICE and ICE) of the open requirements, the
points of each by quadrant, and the Kano mix; linked from the portfolio and the backlog."""

from __future__ import annotations

from collections import Counter

from ..core.escape import html_attr, html_text
from ..core.graph import SpecGraph
from ..core.html_table import HtmlTable
from ..core.kind import GeneratedPage, SiteContext
from ..core.urls import relative_url
from .cells import number
from .entities import anchor_of, page_of, requirement_id
from .model import KANO, PRIORITIES, Prd
from .scores import SCORE_NAMES, ice_score, kano_category, rice_score
from .value_effort import LABELLED, MAX_POINTS, QUADRANTS, Measure, Point, measures, place, render_svg, select
from .views import BACKLOG, OPEN_STATUSES, PRIORITISATION

_QUADRANT_HELP = {
    "quick wins": "high value, low effort: do these first",
    "big bets": "high value, high effort: plan them",
    "fill-ins": "low value, low effort: when there is time",
    "money pits": "low value, high effort: question them",
}


def page(prds: list[Prd], graph: SpecGraph, site: SiteContext, score: str = "rice") -> GeneratedPage:
    """``requirements/prioritisation.md``: a chart for the configured score first (RICE for
    ``moscow``), then the other when some requirement has it."""
    requirements = [(p, r) for p in prds if p.status in OPEN_STATUSES
                    for r in p.requirements if r.priority != "wont"]
    charts = measures(rice_score, ice_score)
    order = ["ice", "rice"] if score == "ice" else ["rice", "ice"]
    backlog = relative_url(PRIORITISATION, BACKLOG, site.use_directory_urls)
    lines = ["# Prioritisation", "",
             "Requirements of PRDs in draft, review or approved (won't-haves left out) by value and "
             "effort. The dashed lines split the points at their median value and median effort, "
             "so the quadrants sort the backlog against itself: **quick wins** (high value, low "
             "effort), **big bets** (high value, high effort), **fill-ins** (low value, low effort) "
             "and **money pits** (low value, high effort). Each point links to its requirement; "
             "its tooltip gives the numbers. Colours are MoSCoW priorities: blue must, teal "
             "should, ochre could.", "",
             f'The <a href="{html_attr(backlog)}">backlog</a> ranks them by '
             f"{SCORE_NAMES[score]} (the <code>prioritise</code> option).", ""]
    drawn = 0
    for name in order:
        section = _chart(charts[name], requirements, graph, site)
        if section is None and name != order[0]:
            continue
        drawn += section is not None
        lines += [f"## Value and effort ({SCORE_NAMES[name]})", ""]
        lines += section or [f"No requirement has a complete, valid <code>{name}</code> estimate "
                             "yet, so there is nothing to draw.", ""]
    lines += _kano(requirements)
    return GeneratedPage(PRIORITISATION, "Prioritisation", "\n".join(lines) + "\n")


def _chart(measure: Measure, requirements: list, graph: SpecGraph,
           site: SiteContext) -> list[str] | None:
    points = []
    for prd, req in requirements:
        score, value, effort = measure.score(req), measure.value(req), measure.effort(req)
        if score is None or value is None or effort is None:
            continue
        full = requirement_id(prd.id, req.id)
        entity = graph.get(full)
        target_page = entity.page if entity is not None and entity.page else page_of(prd.id)
        href = relative_url(PRIORITISATION, target_page, site.use_directory_urls, anchor_of(full))
        points.append(Point(full, req.text, req.priority, value, effort, score, href))
    if not points:
        return None
    shown, left_out = select(points)
    placed, v_mid, e_mid = place(shown)
    note = []
    if left_out:
        note = [f"*{left_out} more requirement{'s' if left_out != 1 else ''} with a "
                f"{measure.name} score {'are' if left_out != 1 else 'is'} not drawn: the chart "
                f"shows the {MAX_POINTS} best by score; the backlog lists them all.*", ""]
    elif len(placed) > LABELLED:
        note = ["*Points are not labelled when there are more than "
                f"{LABELLED}: hover or tap one for its requirement.*", ""]
    table = HtmlTable(["Quadrant", "Requirement", "Priority", "Value", "Effort", "Score"],
                      filter_column=1, fit=(1, 3, 4, 5, 6), wide=(2,))
    rank = {q: i for i, q in enumerate(QUADRANTS)}
    for p in sorted(placed, key=lambda p: (rank[p.quadrant], -p.score, p.id)):
        table.rows.append([
            html_text(p.quadrant), f'<a href="{html_attr(p.href)}" title="{html_attr(p.text)}">'
            f"{html_text(p.id)}</a> {html_text(p.text)}", html_text(p.priority),
            number(round(p.value, 2)), number(round(p.effort, 2)), number(p.score)])
    counts = Counter(p.quadrant for p in placed)
    summary = " · ".join(f"{counts[q]} {q} ({_QUADRANT_HELP[q]})" for q in QUADRANTS)
    return [f'<div class="specsite-chart">\n{render_svg(placed, v_mid, e_mid, measure)}\n</div>',
            "", *note, summary, "", table.render()]


def _kano(requirements: list) -> list[str]:
    """Kano category against MoSCoW priority, counted over the open requirements."""
    counts: Counter = Counter()
    for _, req in requirements:
        counts[(kano_category(req.kano) or "none", req.priority)] += 1
    if not any(k != "none" for k, _ in counts):
        return []
    shown = [p for p in PRIORITIES if p != "wont"]
    table = HtmlTable(["Kano category", *[p.capitalize() for p in shown], "All"],
                      fit=tuple(range(2, len(shown) + 3)))
    for kano in (*KANO, "none"):
        row = [counts[(kano, p)] for p in shown]
        if sum(row):
            table.rows.append([html_text(kano if kano != "none" else "not given"),
                               *(str(n) for n in row), str(sum(row))])
    return ["## Kano categories", "",
            "How the open requirements split by Kano category (must-be, performance, attractive, "
            "indifferent, reverse) and MoSCoW priority: a release of only must-be requirements "
            "prevents dissatisfaction but delights no one.", "", table.render()]
