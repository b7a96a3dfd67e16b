"""Turning ``[[ID]]`` references into links, for every page of the site (hand-written or
generated). A link reads as a title where the ID is a technical name nobody says aloud (a page,
a C4 element, an API: ``[[c4:webshop.db]]`` reads "Order database", the ID as its tooltip) and
as the ID where the ID is the name people use (``ADR-0002``, ``PRD-0001.R1``: the title is the
tooltip). A given label always wins.

Labels come from any page's Markdown (spec prose included) and titles from any spec, so both are
escaped with :mod:`specsite.core.escape` wherever they land: a label is text, never Markdown.
"""

from __future__ import annotations

from . import escape
from .brackets import defuse
from .entities import Entity
from .graph import SpecGraph
from .urls import link_url, relative_md
from .xref import REFERENCE, Reference, normalise, rewrite


#: kinds whose IDs are technical names: a reference to one reads as the entity's title
TITLED_KINDS = frozenset({"page", "c4", "api"})

#: the heading each kind's referrers are listed under; a kind not named here (a kind added
#: later) is listed under its own name
KIND_LABELS = {
    "requirement": "Requirements",
    "prd": "Product requirements",
    "story": "User stories",
    "adr": "Decisions",
    "api": "APIs",
    "operation": "API operations",
    "runbook": "Runbooks",
    "debt": "Technical debt",
    "c4": "Architecture elements",
    "page": "Pages",
}


def reads_as_title(entity: Entity) -> bool:
    """True when a reference to ``entity`` reads as its title rather than its ID."""
    return entity.kind in TITLED_KINDS and bool(entity.title) and entity.title != entity.id


def link_text(entity: Entity) -> str:
    """What a reference without a label reads as: the title of a page, element or API, the ID of
    anything else."""
    return entity.title if reads_as_title(entity) else entity.id


def tooltip(entity: Entity) -> str:
    """A link's tooltip: the ID of an element or API (whose link shows the title), the title of
    anything else (a page's ID is only its path)."""
    if reads_as_title(entity) and entity.kind != "page":
        return entity.id
    return entity.title or entity.id


def kind_label(kind: str) -> str:
    """The heading for a kind's entities in a list grouped by kind (``debt`` -> "Technical debt")."""
    return KIND_LABELS.get(kind, kind)


def entity_link(from_page: str, entity: Entity, text: str | None = None) -> str:
    """A Markdown link from ``from_page`` to an entity's page and anchor, with a tooltip
    (:func:`tooltip`; label and tooltip are literal text; the link is safe inside a table cell)."""
    label = escape.md_text_code(text or link_text(entity))
    if not entity.page:
        return label
    target = relative_md(from_page, entity.page, entity.anchor)
    return f'[{label}]({target} "{escape.md_text(tooltip(entity))}")'


def html_entity_link(from_page: str, entity: Entity, use_directory_urls: bool,
                     text: str | None = None) -> str:
    """:func:`entity_link` for raw HTML that skips Markdown: the same link, with the final URL
    MkDocs would have made of the Markdown one."""
    label = escape.html_text_code(text or link_text(entity))
    if not entity.page:
        return label
    target = link_url(from_page, entity.page, use_directory_urls, entity.anchor)
    return f'<a href="{escape.html_attr(target)}" title="{escape.html_attr(tooltip(entity))}">{label}</a>'


def unresolved(text: str) -> str:
    """A reference to an unknown ID, marked and left readable (the checks report it)."""
    return f'<span class="specsite-unresolved" title="unknown reference">{escape.md_text_code(text)}</span>'


def html_unresolved(text: str) -> str:
    """:func:`unresolved` for raw HTML that skips Markdown."""
    return f'<span class="specsite-unresolved" title="unknown reference">{escape.html_text_code(text)}</span>'


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


def listed(entity: Entity) -> str:
    """An entity as a list item's text: ``[[ADR-0002]] Use PostgreSQL``, or only ``[[c4:x]]``
    for an entity whose reference already reads as its title."""
    if reads_as_title(entity):
        return f"[[{entity.id}]]" if referable(entity.id) else escape.md_text_code(link_text(entity))
    return f"{reference(entity.id)} {escape.md_text_code(entity.title)}".rstrip()


def referenced_by(graph: SpecGraph, entity_id: str, heading: str = "## Referenced by",
                  skip: frozenset[str] = frozenset()) -> str:
    """The "Referenced by" section every entity page ends with: its backlinks (kinds in ``skip``
    left out), as ``[[ID]]`` references grouped under a heading per kind (:data:`KIND_LABELS`,
    in its order; other kinds after, by name), linked by :func:`link_references` when the page is rendered."""
    lines = [heading, ""]
    groups: dict[str, list[Entity]] = {}
    for e in graph.referrers(entity_id):
        if e.kind not in skip:
            groups.setdefault(kind_label(e.kind), []).append(e)
    level = "#" * (len(heading) - len(heading.lstrip("#")) + 1)
    order = {name: i for i, name in enumerate(dict.fromkeys(KIND_LABELS.values()))}
    for name in sorted(groups, key=lambda n: (order.get(n, len(order)), n)):
        lines += [f"{level} {escape.md_text(name)}", ""]
        lines += [f"- {listed(e)}" for e in groups[name]]
        lines.append("")
    if not groups:
        lines += ["Nothing in the specs references this yet.", ""]
    return "\n".join(lines)
