"""A PRD document as graph entities: the PRD, one entity per requirement, and their typed links.

Link relations (see docs/reference/export.md): ``relies-on`` (an ADR), ``c4`` (an architecture
element, ``c4:<identifier>``), ``implemented-by`` (an API operation, ``api:<api>#<operationId>``),
``depends-on`` (a PRD or requirement), ``persona`` (a C4 person, from ``personas`` or a story's
``as``), ``delivered-by`` (from a user story to a requirement) and ``references`` (an ``[[ID]]``
in the prose). User stories are entities of their own, ``PRD-0007.story-1`` (kind ``story``).
"""

from __future__ import annotations

import re
from typing import Callable

from ..core.entities import Entity, Link
from ..core.xref import normalise, scan
from .model import REQUIREMENT_ID, Requirement, UserStory
from .personas import Persona, persona_link
from .reader import PrdDocument
from .scores import ice_score, kano_category, rice_score

PAGE_DIR = "requirements"


def page_of(prd_id: str) -> str:
    """The generated page of a PRD, in the docs tree."""
    return f"{PAGE_DIR}/{prd_id}.md"


def requirement_id(prd_id: str, local_id: str) -> str:
    """``PRD-0007`` + ``R1`` -> ``PRD-0007.R1``."""
    return f"{prd_id}.{local_id}"


def anchor_of(full_id: str) -> str:
    """The HTML id of a requirement on its PRD page: ``PRD-0007.R1`` -> ``prd-0007-r1``."""
    return re.sub(r"[^a-z0-9]+", "-", full_id.lower()).strip("-")


def c4_target(raw: str) -> str:
    """``webshop.checkoutService`` -> ``c4:webshop.checkoutService``."""
    return "c4:" + raw.strip().removeprefix("c4:")


def api_target(raw: str) -> str:
    """``payments#createPayment`` -> ``api:payments#createPayment``."""
    return "api:" + raw.strip().removeprefix("api:")


def dependency_target(prd_id: str, raw: str) -> str:
    """``R2`` -> a requirement of the same PRD; ``PRD-3.R1`` / ``PRD-0003`` -> normalised."""
    raw = raw.strip()
    if REQUIREMENT_ID.match(raw) and not raw.lower().startswith(("prd-", "adr-")):
        return requirement_id(prd_id, raw)
    return normalise(raw)


def story_id(prd_id: str, number: int) -> str:
    """The graph ID of a PRD's ``number``-th user story (from 1): ``PRD-0007.story-2``."""
    return f"{prd_id}.story-{number}"


def article(name: str) -> str:
    """``a`` or ``an`` before a persona's name (by its first letter: an engineer, a shopper)."""
    return "an" if name.strip()[:1].lower() in ("a", "e", "i", "o", "u") else "a"


def story_title(story: UserStory, persona: str) -> str:
    """``As a shopper, I want to pay in one step, so that …`` (plain text, for titles)."""
    text = f"As {article(persona)} {persona.strip()}, I want {story.want.strip()}"
    return text + (f", so that {story.so_that.strip()}" if story.so_that and story.so_that.strip() else "")


def document_entities(doc: PrdDocument) -> list[Entity]:
    """The PRD entity followed by its requirement entities (none without a usable ID)."""
    if doc.id is None:
        return []
    prd_id, page = doc.id, page_of(doc.id)
    links: list[Link] = []
    attrs: dict = {}
    requirements: list[Entity] = []
    prd = doc.prd
    if prd is not None:
        links += _links(doc, prd.adrs, ("adrs",), "relies-on", normalise)
        links += _links(doc, prd.c4, ("c4",), "c4", c4_target)
        links += _links(doc, prd.depends_on, ("depends_on",), "depends-on",
                        lambda raw: dependency_target(prd_id, raw))
        links += _persona_links(doc, doc.personas, ("personas",))
        attrs = {
            "owner": prd.owner, "reviewers": list(prd.reviewers), "release": prd.release,
            "summary": prd.summary, "requirements": [requirement_id(prd_id, r.id) for r in prd.requirements],
            "metrics": [m.model_dump() for m in prd.metrics], "non_goals": list(prd.non_goals),
            "open_questions": [q.question for q in prd.open_questions if q.open],
            "milestones": [m.model_dump() for m in prd.milestones], "tags": list(prd.tags),
            "personas": list(prd.personas),
            "user_stories": [story_id(prd_id, n) for n in range(1, len(prd.user_stories) + 1)],
        }
        for i, req in enumerate(prd.requirements):
            requirements.append(_requirement_entity(doc, i, req))
        for i, story in enumerate(prd.user_stories):
            requirements.append(_story_entity(doc, i, story))
    else:
        for index, local, text in doc.salvaged:
            full = requirement_id(prd_id, local)
            requirements.append(Entity(
                id=full, kind="requirement", title=text, status=doc.status, file=doc.file,
                line=doc.line("requirements", index), parent=prd_id, page=page,
                anchor=anchor_of(full)))
    for ref in scan(doc.body, doc.body_line):
        links.append(Link("references", ref.target, doc.file, ref.line, ref.column, ref.label))
    entity = Entity(
        id=prd_id, kind="prd", title=doc.title, status=doc.status, file=doc.file,
        line=doc.line("id"), links=links, attrs=attrs, page=page, content_hash=doc.content_hash,
        body=doc.body, body_line=doc.body_line)
    return [entity, *requirements]


def _requirement_entity(doc: PrdDocument, index: int, req: Requirement) -> Entity:
    prd_id = doc.id or ""
    full = requirement_id(prd_id, req.id)
    where = ("requirements", index)
    links = (
        _links(doc, req.apis, (*where, "apis"), "implemented-by", api_target)
        + _links(doc, req.adrs, (*where, "adrs"), "relies-on", normalise)
        + _links(doc, req.c4, (*where, "c4"), "c4", c4_target)
        + _links(doc, req.depends_on, (*where, "depends_on"), "depends-on",
                 lambda raw: dependency_target(prd_id, raw))
    )
    attrs = {
        "priority": req.priority, "requirement_kind": req.kind,
        "rice": req.rice.model_dump() if req.rice else None, "rice_score": rice_score(req),
        "ice": req.ice.model_dump() if req.ice else None, "ice_score": ice_score(req),
        "kano": kano_category(req.kano) or req.kano,
        "acceptance": [a.model_dump() for a in req.acceptance],
        "target": req.target.model_dump() if req.target else None,
        "edge_cases": list(req.edge_cases),
    }
    return Entity(
        id=full, kind="requirement", title=req.text, status=doc.status, file=doc.file,
        line=doc.line(*where), links=links, attrs=attrs, parent=prd_id, page=page_of(prd_id),
        anchor=anchor_of(full))


def _story_entity(doc: PrdDocument, index: int, story: UserStory) -> Entity:
    prd_id = doc.id or ""
    full = story_id(prd_id, index + 1)
    where = ("user_stories", index)
    persona = doc.story_personas[index] if index < len(doc.story_personas) else Persona(story.as_)
    links = (_persona_links(doc, [persona], (*where, "as"), single=True)
             + _links(doc, story.requirements, (*where, "requirements"), "delivered-by",
                      lambda raw: dependency_target(prd_id, raw)))
    attrs = {"as": story.as_, "want": story.want, "so_that": story.so_that,
             "requirements": [dependency_target(prd_id, r) for r in story.requirements]}
    return Entity(
        id=full, kind="story", title=story_title(story, story.as_), status=doc.status,
        file=doc.file, line=doc.line(*where), links=links, attrs=attrs, parent=prd_id,
        page=page_of(prd_id), anchor=anchor_of(full))


def _persona_links(doc: PrdDocument, personas: list[Persona], where: tuple,
                   single: bool = False) -> list[Link]:
    """``persona`` links, each located at its item (``single``: ``where`` is the value itself)."""
    out = []
    for i, persona in enumerate(personas):
        line, column = doc.positions.at(where if single else (*where, i))
        out += persona_link(persona, doc.file, line, column)
    return out


def _links(doc: PrdDocument, values: list[str], where: tuple, rel: str,
           target: Callable[[str], str]) -> list[Link]:
    """One link per list item, located at the item itself (``where`` is the list's key path)."""
    out = []
    for i, raw in enumerate(values):
        line, column = doc.positions.at((*where, i))
        out.append(Link(rel, target(raw), doc.file, line, column, raw))
    return out
