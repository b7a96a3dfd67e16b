"""The two views across every requirement, the ranked backlog and the traceability matrix, as
HTML tables paged at :data:`specsite.core.html_table.ROWS_PER_PAGE` rows (ten thousand
requirements make ten pages of each, none over 1 MB; each page filters and sorts in the browser).

Every spec value goes through :mod:`specsite.core.escape`; links carry final URLs
(:func:`specsite.core.urls.relative_url`), as MkDocs does not rewrite links in raw HTML.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable

from ..adr.pages import status_badge
from ..core.escape import html_attr, html_text, html_text_code
from ..core.graph import SpecGraph
from ..core.html_table import Chunk, HtmlBlocks, HtmlTable, page_heading, pager, paginate
from ..core.kind import GeneratedPage, SiteContext
from ..core.references import link_text, reads_as_title, tooltip
from ..core.urls import relative_url
from ..core.xref import normalise
from .cells import mix_cells, number, share, shown_id
from .entities import PAGE_DIR, api_target, c4_target, requirement_id
from .scores import SCORE_FORMULAS, SCORE_NAMES, ice_score, kano_category, rice_score, score_of
from .model import COMMITTED, PRIORITIES, Prd, Requirement

BACKLOG = f"{PAGE_DIR}/backlog.md"
TRACEABILITY = f"{PAGE_DIR}/traceability.md"
PRIORITISATION = f"{PAGE_DIR}/prioritisation.md"
UNSCHEDULED = "unscheduled"
#: PRDs whose requirements are still to build: the backlog leaves out shipped and deprecated ones
OPEN_STATUSES = ("draft", "review", "approved")
_MIX_HEADERS = ["Must", "Should", "Could", "Won't", "Must share of effort"]


@dataclass(frozen=True)
class Row:
    """One requirement with the PRD it belongs to."""

    prd: Prd
    req: Requirement

    @property
    def id(self) -> str:
        return requirement_id(self.prd.id, self.req.id)


@dataclass(frozen=True)
class Section:
    """A table that may run over several pages: its heading, intro, headers and filter column."""

    heading: str
    intro: str
    headers: list[str]
    filter_column: int | None
    #: columns fitted to their content and the wide text columns (:attr:`HtmlTable.fit`, ``wide``)
    fit: tuple[int, ...] = ()
    wide: tuple[int, ...] = ()


@dataclass(frozen=True)
class Item:
    """One row of a paged view: its table, how it renders from a page, and what it is about
    (a rank, a PRD ID) for the pager's labels."""

    section: Section
    render: Callable[["_Links"], list[str]]
    key: str | None = None


class _Links:
    """HTML links from one page to entities (final URLs, titles as tooltips)."""

    def __init__(self, graph: SpecGraph, site: SiteContext, page: str) -> None:
        self.graph, self.site, self.page = graph, site, page

    def one(self, target: str, text: str | None = None) -> str:
        """A link to ``target``; an element or operation whose kind is not configured reads as
        code, an unknown decision or requirement is marked unresolved (the checks report it)."""
        entity = self.graph.get(target)
        label = text if text is not None else (
            link_text(entity) if entity is not None and reads_as_title(entity) else shown_id(target))
        if entity is None or not entity.page:
            if target.startswith(("c4:", "api:")):
                return f"<code>{html_text(shown_id(target))}</code>"
            return f'<span class="specsite-unresolved" title="unknown">{html_text(label)}</span>'
        href = relative_url(self.page, entity.page, self.site.use_directory_urls, entity.anchor)
        # an operation's ID may break after its API's name ("orders#<wbr>updateShippingAddress")
        # rather than widen the table past the column
        shown = "#<wbr>".join(html_text(part) for part in label.split("#"))
        return f'<a href="{html_attr(href)}" title="{html_attr(tooltip(entity))}">{shown}</a>'

    def many(self, targets: Iterable[str]) -> str:
        """Several links, comma-separated, in the order given (duplicates once); – for none."""
        return ", ".join(self.one(t) for t in dict.fromkeys(targets)) or "–"

    def requirement(self, row: Row) -> str:
        return f"{self.one(row.id)} {html_text_code(row.req.text)}"


def _release_key(release: str) -> tuple[int, str]:
    return (1, "") if release == UNSCHEDULED else (0, release)


def _release(prd: Prd) -> str:
    return prd.release.strip() if prd.release and prd.release.strip() else UNSCHEDULED


def _paged(path: str, title: str, intro: str, outro: Callable[[_Links], str], items: list[Item],
           label: Callable[[list[Item]], str], graph: SpecGraph, site: SiteContext
           ) -> list[GeneratedPage]:
    """Pages of ``path``: the title and ``intro`` on the first, ``outro`` on the last, and the
    ``items`` flowing over as many pages as they need, each section's rows in one table per page
    under its heading; a pager (labelled by ``label``) above and below when there are several."""
    chunks: list[Chunk[Item]] = paginate(path, items)
    labels = [label(c.items) for c in chunks]
    pages = []
    for chunk in chunks:
        links = _Links(graph, site, chunk.path)
        nav = pager(chunk, chunks, labels, site.use_directory_urls)
        heading = page_heading(title, chunk, chunks)
        parts = [f"# {heading}", "", intro if chunk.number == 1 else "", nav]
        blocks = HtmlBlocks()
        table: HtmlTable | None = None
        current: Section | None = None
        for item in chunk.items:
            if item.section is not current:
                if table is not None:
                    parts.append(blocks.add(table.render()))
                current = item.section
                parts += [f"## {current.heading}", "", current.intro]
                table = HtmlTable(current.headers, filter_column=current.filter_column, fit=current.fit,
                                  wide=current.wide)
            assert table is not None
            table.rows.append(item.render(links))
        if table is not None:
            parts.append(blocks.add(table.render()))
        if chunk.number == len(chunks):
            parts.append(outro(links))
        parts.append(nav)
        pages.append(GeneratedPage(chunk.path, heading, "\n".join(parts) + "\n", html=blocks.html))
    return pages


def _ranked_rows(rows: list[Row], score: str) -> tuple[list[Row], list[Row]]:
    """The rows the chosen score ranks (best first) and the rows it cannot rank."""
    if score == "moscow":
        # within a priority, the better RICE score first, then ICE: the tie-breakers people use
        return sorted(rows, key=lambda r: (PRIORITIES.index(r.req.priority),
                                           -(rice_score(r.req) or -1), -(ice_score(r.req) or -1),
                                           r.id)), []
    value = score_of(score)
    scored = sorted((r for r in rows if value(r.req) is not None),
                    key=lambda r: (-(value(r.req) or 0), PRIORITIES.index(r.req.priority), r.id))
    unscored = sorted((r for r in rows if value(r.req) is None),
                      key=lambda r: (PRIORITIES.index(r.req.priority), r.id))
    return scored, unscored


def _formula(req: Requirement, score: str) -> str:
    """The inputs of ``score`` as HTML text, fit for an attribute too (number() escapes every
    mark as a character reference)."""
    if score == "rice" and req.rice is not None:
        r = req.rice
        return (f"{number(r.reach)} × {number(r.impact)} × {number(r.confidence)} / "
                f"{number(r.effort)}")
    if score == "ice" and req.ice is not None:
        i = req.ice
        return f"{number(i.impact)} × {number(i.confidence)} × {number(i.ease)}"
    return "–"


def _score_cells(req: Requirement, scores: tuple[str, ...]) -> list[str]:
    """The other scores and the Kano category, as cells (– where there is none)."""
    cells = []
    for name in scores:
        value = rice_score(req) if name == "rice" else ice_score(req)
        cells.append(number(value) or "–")
    kano = kano_category(req.kano)
    return cells + [html_text(kano) if kano else "–"]


def backlog(prds: list[Prd], graph: SpecGraph, site: SiteContext,
            score: str = "rice") -> list[GeneratedPage]:
    """The backlog: requirements of open PRDs ranked across all products by the score the
    ``prioritise.score`` option picks (RICE by default), the other scores and the Kano category
    beside it; then the unscored ones, then the MoSCoW mix per PRD and per release."""
    rows = [Row(p, r) for p in prds if p.status in OPEN_STATUSES
            for r in p.requirements if r.priority != "wont"]
    scored, unscored = _ranked_rows(rows, score)
    others = tuple(s for s in ("rice", "ice") if s != score)
    other_headers = [SCORE_NAMES[s] for s in others] + ["Kano"]
    # the chosen score's inputs are its tooltip, not a column: eight columns do not fit a
    # 1366 px screen, and a number alone keeps the column sortable
    chosen_header = [] if score == "moscow" else [f"{SCORE_NAMES[score]} score"]
    ranked_headers = ["Rank", "Requirement", "Priority", "Release", *chosen_header, *other_headers]
    live = [p for p in prds if p.status != "deprecated"]
    ranked = Section("Ranked", "", ranked_headers, 3,
                     tuple(i for i in range(1, len(ranked_headers) + 1) if i != 2), (2,))
    not_scored_headers = ["Requirement", "Priority", "Release", *other_headers]
    not_scored = Section("Not scored", f"These requirements give no complete, valid "
                         f"<code>{score}</code>, so they cannot be ranked by it.\n",
                         not_scored_headers, 2, tuple(range(2, len(not_scored_headers) + 1)))
    per_prd = Section("MoSCoW mix per PRD", "Requirement counts by priority; the share of RICE "
                      "effort in must requirements should stay within the budget "
                      "(<code>prd_must_budget</code>, 60% by default).\n",
                      ["PRD", "Status", *_MIX_HEADERS], None, (1, 2, 3, 4, 5, 6))

    def ranked_row(rank: int, row: Row) -> Item:
        chosen = [] if score == "moscow" else [
            f'<strong title="{_formula(row.req, score)}">{number(score_of(score)(row.req))}</strong>']
        return Item(ranked, lambda links: [
            str(rank), links.requirement(row), html_text(row.req.priority),
            html_text(_release(row.prd)), *chosen, *_score_cells(row.req, others)], str(rank))

    def unscored_row(row: Row) -> Item:
        return Item(not_scored, lambda links: [links.requirement(row), html_text(row.req.priority),
                                               html_text(_release(row.prd)),
                                               *_score_cells(row.req, others)])

    def mix_row(prd: Prd) -> Item:
        return Item(per_prd, lambda links: [links.one(prd.id), status_badge(prd.status),
                                            *(html_text(c) for c in mix_cells(prd.requirements))])

    items = [ranked_row(rank, row) for rank, row in enumerate(scored, 1)]
    items += [unscored_row(row) for row in unscored]
    items += [mix_row(p) for p in live]
    by_release: dict[str, list[Requirement]] = defaultdict(list)
    for p in live:
        by_release[_release(p)].extend(p.requirements)

    def outro(links: _Links) -> str:
        table = HtmlTable(["Release", *_MIX_HEADERS], fit=(1, 2, 3, 4, 5))
        for name in sorted(by_release, key=_release_key):
            table.rows.append([html_text(name), *(html_text(c) for c in mix_cells(by_release[name]))])
        return "## MoSCoW mix per release\n\n" + table.render()

    def label(chunk: list[Item]) -> str:
        ranks = [i.key for i in chunk if i.section is ranked]
        if ranks:
            return f"ranks {ranks[0]}–{ranks[-1]}" + ("" if len(ranks) == len(chunk) else " and more")
        return "not scored" if chunk and chunk[0].section is not_scored else "mix per PRD"

    chart = relative_url(BACKLOG, PRIORITISATION, site.use_directory_urls)
    intro = (f"Requirements of PRDs in draft, review or approved, ranked by {SCORE_NAMES[score]} "
             f"({SCORE_FORMULAS[score]}) across all products; the other scores and the Kano "
             f"category stand beside it (the <code>prioritise</code> option picks the score). "
             + ("" if score == "moscow" else "A score's tooltip shows its inputs. ") +
             f"Won't-have requirements and shipped or deprecated PRDs are left out. See also the "
             f'<a href="{html_attr(chart)}">value/effort chart</a>.\n')
    if not scored:
        intro += f"\nNo requirement has a complete {SCORE_NAMES[score]} score yet.\n"
    return _paged(BACKLOG, "Backlog", intro, outro, items, label, graph, site)


def traceability(prds: list[Prd], graph: SpecGraph, site: SiteContext) -> list[GeneratedPage]:
    """Each requirement against the decisions, elements and operations it states, after the
    coverage of must requirements; then what each whole PRD relies on."""
    rows = [Row(p, r) for p in prds if p.status != "deprecated" for r in p.requirements]
    matrix = Section("Matrix", "", ["Requirement", "PRD status", "Priority", "Decisions",
                                    "Elements", "Operations"], 2, (2, 3), (1,))
    prd_level = Section("PRD-level traces", "", ["PRD", "Status", "Decisions", "Elements"], None, (1, 2))

    def matrix_row(row: Row) -> Callable[[_Links], list[str]]:
        r = row.req
        return lambda links: [
            links.requirement(row), status_badge(row.prd.status), html_text(r.priority),
            links.many(normalise(a) for a in r.adrs), links.many(c4_target(c) for c in r.c4),
            links.many(api_target(a) for a in r.apis)]

    def prd_row(p: Prd) -> Callable[[_Links], list[str]]:
        return lambda links: [links.one(p.id), status_badge(p.status),
                              links.many(normalise(a) for a in p.adrs),
                              links.many(c4_target(c) for c in p.c4)]

    items = [Item(matrix, matrix_row(row), row.prd.id) for row in rows]
    items += [Item(prd_level, prd_row(p)) for p in prds if p.status != "deprecated"]

    def label(chunk: list[Item]) -> str:
        keys = [i.key for i in chunk if i.key is not None]
        if not keys:
            return "PRD-level traces"
        return keys[0] if keys[0] == keys[-1] else f"{keys[0]} – {keys[-1]}"

    intro = ("Each requirement against the decisions it relies on, the architecture elements it "
             "touches and the API operations that implement it — as the requirement itself states "
             "them (<code>adrs</code>, <code>c4</code>, <code>apis</code>). What a whole PRD relies "
             "on is listed under PRD-level traces.\n\n## Coverage\n\n" + _coverage(rows))
    return _paged(TRACEABILITY, "Traceability", intro, lambda links: "", items, label, graph, site)


def _coverage(rows: list[Row]) -> str:
    musts = [r.req for r in rows if r.prd.status in COMMITTED and r.req.priority == "must"]
    measures = [
        ("trace to an operation or a decision", lambda r: bool(r.apis or r.adrs)),
        ("trace to an operation", lambda r: bool(r.apis)),
        ("trace to a decision", lambda r: bool(r.adrs)),
        ("trace to an architecture element", lambda r: bool(r.c4)),
        ("have acceptance criteria (or a target, when non-functional)",
         lambda r: bool(r.acceptance) or (not r.functional and r.target is not None)),
    ]
    table = HtmlTable(["Must requirements of approved and shipped PRDs that…", "Count", "Share"], fit=(2, 3))
    for text, test in measures:
        hit = sum(1 for r in musts if test(r))
        table.rows.append([html_text(text), f"{hit} of {len(musts)}", share(hit, len(musts))])
    everything = [r.req for r in rows]
    traced = sum(1 for r in everything if r.apis or r.adrs or r.c4)
    table.rows.append(["<em>All requirements (any priority and status) tracing to anything</em>",
                       f"{traced} of {len(everything)}", share(traced, len(everything))])
    return f"Must requirements of approved and shipped PRDs: {len(musts)}.\n\n" + table.render()


#: links from a page's raw HTML to entities, for the other views of every PRD (the portfolio)
Links = _Links
