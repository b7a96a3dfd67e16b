"""Turning ``[[ID]]`` references into links, for every page of the site (hand-written or
generated): the text is the ID (or the given label), the tooltip the entity's title."""

from __future__ import annotations

from .brackets import defuse
from .entities import Entity
from .graph import SpecGraph
from .urls import relative_md
from .xref import Reference, rewrite


def html_text(text: str, entities: dict[str, str] | None = None) -> str:
    """Text for raw HTML or SVG in a generated page: escaped, and with ``[``/``]`` as character
    references, so the ``[[ID]]`` linker never touches text that merely shows brackets."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    for raw, replacement in (entities or {}).items():
        out = out.replace(raw, replacement)
    return out.replace("[", "&#91;").replace("]", "&#93;")


def _escape_title(title: str) -> str:
    return title.replace("\\", "\\\\").replace('"', '\\"')


def _escape_text(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


def entity_link(from_page: str, entity: Entity, text: str | None = None) -> str:
    """A Markdown link from ``from_page`` to an entity's page and anchor, titled with its title."""
    if not entity.page:
        return _escape_text(text or entity.id)
    target = relative_md(from_page, entity.page, entity.anchor)
    return f'[{_escape_text(text or entity.id)}]({target} "{_escape_title(entity.title)}")'


def link_references(markdown: str, from_page: str, graph: SpecGraph) -> str:
    """``markdown`` with every ``[[ID]]`` outside code replaced by a link (unknown IDs are marked
    and left readable; the pipeline has already reported them as XREF001), and with the
    brackets Python-Markdown would scan for minutes escaped (:func:`.brackets.defuse`)."""

    def render(ref: Reference) -> str:
        entity = graph.get(ref.target)
        if entity is None:
            shown = ref.label or ref.target
            return f'<span class="specsite-unresolved" title="unknown reference">{shown}</span>'
        return entity_link(from_page, entity, ref.label)

    return defuse(rewrite(markdown, render))


def referenced_by(graph: SpecGraph, entity_id: str, heading: str = "## Referenced by") -> str:
    """The "Referenced by" section every entity page ends with: its backlinks, as ``[[ID]]``
    references (linked by :func:`link_references` when the page is rendered)."""
    lines = [heading, ""]
    referrers = graph.referrers(entity_id)
    for e in referrers:
        if e.kind == "page":
            lines.append(f"- [[{e.id}|{e.title}]] (page)")
        else:
            lines.append(f"- [[{e.id}]] {e.title}")
    if not referrers:
        lines.append("Nothing in the specs references this yet.")
    return "\n".join(lines) + "\n"
