"""The page of one PRD: summary card, prose, requirement table, each requirement with its
acceptance criteria and traces (anchored, so ``[[PRD-0007.R1]]`` lands on it), and backlinks.

The requirement table and each requirement's details are raw HTML kept out of Markdown
(:class:`specsite.core.html_table.HtmlBlocks`): they are most of a PRD page, and Markdown cost more
on them than the rest of the build did on the page. They read exactly as the Markdown they replace
did once rendered (:mod:`.cells` has each rendering in both forms); the headings stay Markdown, so
the table of contents and the anchors are as before."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..adr.pages import status_badge
from ..core.escape import html_block, md_code, md_text
from ..core.graph import SpecGraph
from ..core.html_table import HtmlBlocks
from ..core.kind import GeneratedPage, PageUnit, SiteContext, render_units
from ..core.references import referenced_by
from ..core.xref import normalise
from . import overview
from .cells import (PRIORITY_LABELS, cell, html_cell, html_link, html_links, html_number, html_prose,
                    html_target_text, link, links, mix_summary, prose)
from .entities import (anchor_of, api_target, article, c4_target, dependency_target, page_of,
                       requirement_id, story_id)
from .model import Prd, Requirement
from .personas import Persona
from .scores import ice_score, kano_category, rice_score
from .reader import PrdDocument

if TYPE_CHECKING:
    from .kind import PrdModel

_H1 = re.compile(r"\A\s*#\s+.*$", re.MULTILINE)


def render_all(model: "PrdModel", graph: SpecGraph, site: SiteContext) -> list[GeneratedPage]:
    """Every PRD page plus the portfolio, the backlog and the traceability matrix (no pages at
    all when no PRD folder is configured)."""
    return render_units(units(model, site), graph)


#: the unit of the pages across all PRDs (no PRD ID has parentheses)
OVERVIEW_UNIT = "(overview)"


def units(model: "PrdModel", site: SiteContext) -> list[PageUnit]:
    """The PRD pages as units ``mkdocs serve`` reuses one by one: the overview pages (portfolio,
    backlog, traceability, prioritisation), made from every PRD, then each PRD's page, made from
    its parsed document (and the graph)."""
    if not model.folders and not model.documents:
        return []
    documents = model.unique()
    score = model.score
    out = [PageUnit(OVERVIEW_UNIT, (tuple(documents), score),
                    lambda graph: overview.render(documents, graph, site, score))]
    for doc in documents:
        assert doc.id is not None
        out.append(PageUnit(doc.id, doc, lambda graph, doc=doc: [prd_page(doc, graph, site)]))
    return out


def prd_page(doc: PrdDocument, graph: SpecGraph, site: SiteContext) -> GeneratedPage:
    """One PRD's page."""
    assert doc.id is not None
    page = page_of(doc.id)
    blocks = HtmlBlocks()
    return GeneratedPage(page, f"{doc.id}: {doc.title}", _markdown(doc, graph, site, page, blocks),
                         doc.file, html=blocks.html)


def _markdown(doc: PrdDocument, graph: SpecGraph, site: SiteContext, page: str,
              blocks: HtmlBlocks) -> str:
    """The Markdown of one PRD's page; its large parts go into ``blocks``."""
    assert doc.id is not None
    lines = [f"# {md_text(doc.id)}: {prose(doc.title)}", ""]
    prd = doc.prd
    if prd is None:
        lines += ["**This PRD's front matter does not validate**: run `specsite check` for the "
                  "problems and their lines. Only its prose is shown until they are fixed.", ""]
        lines += _card([("Status", status_badge(doc.status)), ("Source", md_code(doc.file))])
        lines += [_prose(doc), ""]
        for local in doc.requirement_ids:
            full = requirement_id(doc.id, local)
            lines += [f"### {md_text(local)} {{#{anchor_of(full)}}}", ""]
        lines.append(referenced_by(graph, doc.id))
        return "\n".join(lines)

    lines += _card(_card_rows(doc, prd, graph, page))
    if prd.summary and prd.summary.strip():
        lines += [f"*{prose(prd.summary)}*", ""]
    body = _prose(doc)
    if body:
        lines += [body, ""]
    if prd.user_stories:
        lines += _stories(doc, prd, graph, page)
    if prd.requirements:
        lines += ["## Requirements", blocks.add(_requirement_table(prd, graph, page, site), exact=True)]
        lines += ["## Requirement details", ""]
        stories = _stories_by_requirement(prd)
        for req in prd.requirements:
            full = requirement_id(prd.id, req.id)
            lines += [f"### {md_text(req.id)} · {PRIORITY_LABELS[req.priority]} {{#{anchor_of(full)}}}",
                      blocks.add(_requirement_details(prd, req, graph, page, site, stories),
                                 exact=True)]
    lines += _extras(prd)
    lines.append(referenced_by(graph, doc.id))
    return "\n".join(lines)


def _card(rows: list[tuple[str, str]]) -> list[str]:
    """The summary card; values are Markdown already escaped by whoever built the row."""
    lines = ["| | |", "|---|---|"]
    lines += [f"| **{k}** | {v} |" for k, v in rows]
    return lines + [""]


def _card_rows(doc: PrdDocument, prd: Prd, graph: SpecGraph, page: str) -> list[tuple[str, str]]:
    rows = [("Status", status_badge(prd.status)), ("Owner", cell(prd.owner))]
    if prd.reviewers:
        rows.append(("Reviewers", ", ".join(cell(r) for r in prd.reviewers)))
    rows.append(("Release", cell(prd.release) or "unscheduled"))
    if prd.requirements:
        rows.append(("Requirements", mix_summary(prd.requirements)))
    if prd.adrs:
        rows.append(("Decisions", links(page, graph, [normalise(a) for a in prd.adrs])))
    if prd.c4:
        rows.append(("Architecture", links(page, graph, [c4_target(c) for c in prd.c4])))
    if doc.personas:
        rows.append(("Personas", ", ".join(_persona(p, graph, page) for p in doc.personas)))
    if prd.user_stories:
        rows.append(("User stories", f"[{len(prd.user_stories)}](#user-stories)"))
    if prd.depends_on:
        rows.append(("Depends on", links(page, graph, [dependency_target(prd.id, d)
                                                       for d in prd.depends_on])))
    open_questions = sum(1 for q in prd.open_questions if q.open)
    if open_questions:
        rows.append(("Open questions", f"[{open_questions}](#open-questions)"))
    rows.append(("Source", md_code(doc.file)))
    return rows


def _prose(doc: PrdDocument) -> str:
    """The body without its own ``# Title`` (the page has one)."""
    return _H1.sub("", doc.body, count=1).strip("\n")


def _requirement_table(prd: Prd, graph: SpecGraph, page: str, site: SiteContext) -> str:
    """The requirement table as the HTML its Markdown table made (filtered by priority)."""
    # The target column appears only when some requirement has one (non-functional ones do).
    targets = any(r.target is not None for r in prd.requirements)
    # so are the ICE and Kano columns: a PRD that uses neither keeps today's table
    ice = any(r.ice is not None for r in prd.requirements)
    kano = any(r.kano is not None for r in prd.requirements)
    # with ICE beside it, "RICE" alone: the narrower headers keep eight columns within 1366 px
    headers = ["ID", "Requirement", "Kind", "Priority", "RICE" if ice else "RICE score"]
    headers += (["ICE"] if ice else []) + (["Kano"] if kano else []) + (["Target"] if targets else [])
    urls = site.use_directory_urls
    out = ['<div class="specsite-filter" data-specsite-filter-column="4">\n<table>\n<thead>\n<tr>\n',
           *(f"<th>{h}</th>\n" for h in headers), "</tr>\n</thead>\n<tbody>\n"]
    for req in prd.requirements:
        cells = [html_link(page, graph, requirement_id(prd.id, req.id), urls, req.id),
                 html_prose(req.text), html_cell(req.kind), html_cell(req.priority),
                 html_number(rice_score(req))]
        if ice:
            cells.append(html_number(ice_score(req)))
        if kano:
            cells.append(html_cell(kano_category(req.kano) or req.kano))
        if targets:
            cells.append(html_target_text(req.target) if req.target else "")
        out += ["<tr>\n", *(f"<td>{c}</td>\n" for c in cells), "</tr>\n"]
    out.append("</tbody>\n</table>\n</div>")
    return "".join(out)


def _stories_by_requirement(prd: Prd) -> dict[str, list[str]]:
    """Requirement ID -> the IDs of the stories that name it (one pass over the stories)."""
    out: dict[str, list[str]] = {}
    for n, story in enumerate(prd.user_stories, 1):
        for raw in story.requirements:
            out.setdefault(dependency_target(prd.id, raw), []).append(story_id(prd.id, n))
    return out


def _requirement_details(prd: Prd, req: Requirement, graph: SpecGraph, page: str, site: SiteContext,
                         stories: dict[str, list[str]]) -> str:
    """What a requirement's heading is followed by, as the HTML its Markdown made: the text,
    the facts, the acceptance criteria and the traces."""
    full = requirement_id(prd.id, req.id)
    urls = site.use_directory_urls
    text = html_block(req.text, code=True)
    out = [text] if text else []
    facts = [f"<strong>Kind:</strong> {html_cell(req.kind)}",
             f"<strong>Priority:</strong> {html_cell(req.priority)}"]
    if req.target is not None:
        facts.append(f"<strong>Target:</strong> {html_target_text(req.target)}")
    if req.rice is not None:
        r = req.rice
        score = rice_score(req)
        facts.append("<strong>RICE:</strong> " + (
            f"reach {html_number(r.reach)} × impact {html_number(r.impact)} × confidence "
            f"{html_number(r.confidence)} / effort {html_number(r.effort)} = "
            f"<strong>{html_number(score)}</strong>" if score is not None else "incomplete"))
    if req.ice is not None:
        i = req.ice
        score = ice_score(req)
        facts.append("<strong>ICE:</strong> " + (
            f"impact {html_number(i.impact)} × confidence {html_number(i.confidence)} × ease "
            f"{html_number(i.ease)} = <strong>{html_number(score)}</strong>"
            if score is not None else "incomplete"))
    if req.kano is not None:
        facts.append(f"<strong>Kano:</strong> {html_cell(kano_category(req.kano) or req.kano)}")
    out.append(f"<p>{' · '.join(facts)}</p>")
    if req.acceptance:
        out += ["<p><strong>Acceptance criteria</strong></p>", "<ol>"]
        for a in req.acceptance:
            given = (f"<strong>Given</strong> {html_prose(a.given)}, <strong>when</strong> "
                     if a.given else "<strong>When</strong> ")
            out.append(f"<li>{given}{html_prose(a.when)}, <strong>then</strong> {html_prose(a.then)}.</li>")
        out.append("</ol>")
    elif req.priority == "must":
        out.append("<p><em>No acceptance criteria yet.</em></p>")
    traces = [
        ("Edge cases", "; ".join(html_prose(e) for e in req.edge_cases)),
        ("Implemented by", html_links(page, graph, [api_target(a) for a in req.apis], urls)),
        ("Architecture", html_links(page, graph, [c4_target(c) for c in req.c4], urls)),
        ("Decisions", html_links(page, graph, [normalise(a) for a in req.adrs], urls)),
        ("Depends on", html_links(page, graph, [dependency_target(prd.id, d) for d in req.depends_on],
                                  urls)),
        ("Stories", html_links(page, graph, stories.get(full, []), urls)),
        ("Referenced by", html_links(page, graph, [e.id for e in graph.referrers(full)
                                                   if e.id != prd.id and not (
                                                       e.kind == "story" and e.parent == prd.id)],
                                     urls)),
    ]
    out += [f"<p><strong>{name}:</strong> {value}</p>" for name, value in traces if value]
    return "\n".join(out)


def _persona(persona: Persona, graph: SpecGraph, page: str) -> str:
    """A persona as Markdown: a link to the C4 person's page (its name as text), a configured
    name, or the name as written (PRD017 reports it)."""
    if persona.target is not None:
        entity = graph.get(persona.target)
        if entity is not None and entity.page:
            return link(page, graph, persona.target, entity.title)
        return md_code(persona.raw)
    return md_text(persona.name or persona.raw)


def _persona_name(persona: Persona, graph: SpecGraph) -> str:
    entity = graph.get(persona.target) if persona.target is not None else None
    return entity.title if entity is not None else (persona.name or persona.raw)


def _stories(doc: PrdDocument, prd: Prd, graph: SpecGraph, page: str) -> list[str]:
    """The "User stories" section: As a <persona>, I want …, so that … — with the requirements
    that deliver each, anchored so ``[[PRD-0007.story-1]]`` lands on it."""
    lines = ["## User stories", ""]
    for n, story in enumerate(prd.user_stories, 1):
        full = story_id(prd.id, n)
        persona = doc.story_personas[n - 1] if n - 1 < len(doc.story_personas) else Persona(story.as_)
        name = _persona_name(persona, graph)
        text = f"As {article(name)} {_persona(persona, graph, page)}, I want {prose(story.want)}"
        if story.so_that and story.so_that.strip():
            text += f", so that {prose(story.so_that)}"
        if story.requirements:
            targets = [dependency_target(prd.id, r) for r in story.requirements]
            text += f". *Delivered by* {links(page, graph, targets)}"
        # a paragraph with an id (attr_list, as the requirement headings): stories stay out of
        # the table of contents but [[PRD-0007.story-1]] still lands on one
        lines += [f"**Story {n}.** {text.rstrip('.')}.", f"{{: #{anchor_of(full)} }}", ""]
    return lines


def _extras(prd: Prd) -> list[str]:
    lines: list[str] = []
    if prd.metrics:
        lines += ["## Success metrics", "", "| Metric | Baseline | Target |", "|---|---|---|"]
        lines += [f"| {prose(m.name)} | {cell(m.baseline) or '–'} | {cell(m.target)} |"
                  for m in prd.metrics]
        lines.append("")
    if prd.non_goals:
        lines += ["## Non-goals", ""] + [f"- {prose(g)}" for g in prd.non_goals] + [""]
    if prd.risks:
        lines += ["## Risks", "", "| Risk | Likelihood | Impact | Mitigation |", "|---|---|---|---|"]
        lines += [f"| {prose(r.risk)} | {cell(r.likelihood) or '–'} | {cell(r.impact) or '–'} "
                  f"| {prose(r.mitigation) or '–'} |" for r in prd.risks]
        lines.append("")
    if prd.open_questions:
        lines += ["## Open questions", ""]
        for q in prd.open_questions:
            owner = f" ({md_text(q.owner)})" if q.owner else ""
            if q.open:
                lines.append(f"- **Open:** {prose(q.question)}{owner}")
            else:
                lines.append(f"- **Answered:** {prose(q.question)}{owner} — {prose(q.answer)}")
        lines.append("")
    if prd.milestones:
        lines += ["## Milestones", "", "| Milestone | Date | Done |", "|---|---|---|"]
        lines += [f"| {prose(m.name)} | {cell(m.date) or '–'} | {'yes' if m.done else 'no'} |"
                  for m in prd.milestones]
        lines.append("")
    return lines
