"""Turning ``[[ID]]`` references into links, for every page of the site (hand-written or
generated): the text is the ID (or the given label), the tooltip the entity's title.

Labels come from any page's Markdown (spec prose included) and titles from any spec, so both are
escaped with :mod:`specsite.core.escape` wherever they land: a label is text, never Markdown.
"""

from __future__ import annotations

from . import escape
from .brackets import defuse
from .entities import Entity
from .graph import SpecGraph
from .urls import relative_md
from .xref import REFERENCE, Reference, normalise, rewrite


def link_text(entity: Entity) -> str:
    """What a reference without a label reads as: a page's title, any other entity's ID."""
    return entity.title if entity.kind == "page" and entity.title else entity.id


def entity_link(from_page: str, entity: Entity, text: str | None = None) -> str:
    """A Markdown link from ``from_page`` to an entity's page and anchor, titled with its title
    (label and title are literal text; the link is safe inside a table cell too)."""
    label = escape.md_text_code(text or link_text(entity))
    if not entity.page:
        return label
    target = relative_md(from_page, entity.page, entity.anchor)
    return f'[{label}]({target} "{escape.md_text(entity.title)}")'


def unresolved(text: str) -> str:
    """A reference to an unknown ID, marked and left readable (the checks report it)."""
    return f'<span class="specsite-unresolved" title="unknown reference">{escape.md_text_code(text)}</span>'


def link_references(markdown: str, from_page: str, graph: SpecGraph) -> str:
    """``markdown`` with every ``[[ID]]`` outside code replaced by a link (unknown IDs are marked
    and left readable; the pipeline has already reported them as XREF001), and with the
    brackets Python-Markdown would scan for minutes escaped (:func:`.brackets.defuse`)."""

    def render(ref: Reference) -> str:
        entity = graph.get(ref.target)
        if entity is None:
            return unresolved(ref.label or ref.target)
        return entity_link(from_page, entity, ref.label)

    return defuse(rewrite(markdown, render))


def referable(entity_id: str) -> bool:
    """True when ``[[entity_id]]`` reads back as a reference to exactly this ID (an
    ``ADR-<file stem>`` or ``page:`` ID whose file name has ``]]`` or ``|`` in it does not)."""
    m = REFERENCE.fullmatch(f"[[{entity_id}]]")
    return m is not None and m.group(2) is None and normalise(m.group(1)) == entity_id


def reference(entity_id: str) -> str:
    """``[[entity_id]]`` for a generated page to link later, or the ID as literal text when the
    reference syntax cannot hold it, so no character of an ID reaches the Markdown unescaped."""
    return f"[[{entity_id}]]" if referable(entity_id) else escape.md_text(entity_id)


def referenced_by(graph: SpecGraph, entity_id: str, heading: str = "## Referenced by") -> str:
    """The "Referenced by" section every entity page ends with: its backlinks, as ``[[ID]]``
    references (linked by :func:`link_references` when the page is rendered)."""
    lines = [heading, ""]
    referrers = graph.referrers(entity_id)
    for e in referrers:
        if e.kind == "page":
            # the reference reads as the page's title (link_text)
            shown = f"[[{e.id}]]" if referable(e.id) else escape.md_text_code(link_text(e))
            lines.append(f"- {shown} (page)")
        else:
            lines.append(f"- {reference(e.id)} {escape.md_text_code(e.title)}")
    if not referrers:
        lines.append("Nothing in the specs references this yet.")
    return "\n".join(lines) + "\n"
