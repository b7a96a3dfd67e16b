"""Small renderings shared by the PRD pages: table cells, links that are safe inside a table,
numbers, targets and the MoSCoW mix. Every spec value goes through :mod:`specsite.core.escape`;
what these functions return is Markdown ready for a page or a table cell."""

from __future__ import annotations

import posixpath
from collections import Counter
from typing import Any, Iterable

from ..core.escape import html_attr, html_line, html_text_code, md_code, md_text, md_text_code
from ..core.graph import SpecGraph
from ..core.references import html_unresolved, link_text, reads_as_title, tooltip, unresolved
from ..core.urls import link_url, relative_md, relative_url
from .model import PRIORITIES, Requirement, Target

PRIORITY_LABELS = {"must": "Must", "should": "Should", "could": "Could", "wont": "Won't"}
_OPS = {"<": "<", "<=": "≤", "=": "=", ">=": "≥", ">": ">"}


def cell(value: Any) -> str:
    """A spec value as literal text in a table cell (or anywhere inline); empty for None."""
    return md_text(value)


def prose(value: Any) -> str:
    """Free text from a spec (a title, a requirement, a criterion) as a cell: literal, except
    that backtick code spans stay code."""
    return md_text_code(value)


def shown_id(target: str) -> str:
    """How a link target reads: ``c4:webshop.checkout`` -> ``webshop.checkout``."""
    for prefix in ("c4:", "api:"):
        if target.startswith(prefix):
            return target[len(prefix):]
    return target


def link(from_page: str, graph: SpecGraph, target: str, text: str | None = None) -> str:
    """A Markdown link to an entity, safe inside a table (label and tooltip are literal text).

    An element or API reads as its name, anything else as its ID, the other one the tooltip; an
    element or operation whose kind is not configured reads as code; an unknown decision or
    requirement is marked unresolved (the checks report it).
    """
    entity = graph.get(target)
    if text is None:
        text = link_text(entity) if entity is not None and reads_as_title(entity) else shown_id(target)
    if entity is None or not entity.page:
        if target.startswith(("c4:", "api:")):
            return md_code(shown_id(target))
        return unresolved(text)
    href = relative_md(from_page, entity.page, entity.anchor) or posixpath.basename(entity.page)
    return f'[{md_text_code(text)}]({href} "{md_text(tooltip(entity))}")'


def links(from_page: str, graph: SpecGraph, targets: Iterable[str]) -> str:
    """Several links, comma-separated, in the order given (duplicates once)."""
    return ", ".join(link(from_page, graph, t) for t in dict.fromkeys(targets))


def number(value: float | None) -> str:
    """``50000`` -> ``50,000``; ``0.8`` -> ``0.8``; ``26666.67`` -> ``26,666.67`` (as Markdown
    text, like every value from a spec)."""
    return "" if value is None else md_text(_figure(value))


def _figure(value: float) -> str:
    """``50000`` -> ``50,000``; ``0.8`` -> ``0.8``: two decimals at most, none when whole."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def target_text(target: Target) -> str:
    """``p95 latency ≤ 300 ms``, as Markdown text."""
    unit = f" {md_text(target.unit)}" if target.unit else ""
    return f"{md_text_code(target.metric)} {md_text(_OPS[target.op])} {number(target.value)}{unit}"


def share(part: float, whole: float) -> str:
    """``3 of 4`` -> ``75%``; nothing to share -> an en dash."""
    return f"{part / whole:.0%}" if whole else "–"


def mix(requirements: Iterable[Requirement]) -> tuple[Counter, float, float]:
    """MoSCoW counts, total RICE effort, and the effort in must requirements."""
    counts: Counter = Counter()
    total = must = 0.0
    for r in requirements:
        counts[r.priority] += 1
        effort = r.rice.effort if r.rice is not None and r.rice.effort and r.rice.effort > 0 else 0
        total += effort
        must += effort if r.priority == "must" else 0
    return counts, total, must


def mix_cells(requirements: Iterable[Requirement]) -> list[str]:
    """Must | Should | Could | Won't | must share of effort, as table cells."""
    counts, total, must = mix(requirements)
    return [str(counts[p]) for p in PRIORITIES] + [share(must, total)]


def mix_summary(requirements: list[Requirement]) -> str:
    """``5 (3 must, 1 should, 1 could)``."""
    counts = Counter(r.priority for r in requirements)
    parts = [f"{counts[p]} {PRIORITY_LABELS[p].lower()}" for p in PRIORITIES if counts[p]]
    return f"{len(requirements)}" + (f" ({', '.join(parts)})" if parts else "")


# -- the same renderings as raw HTML, for page parts that skip Markdown -------------------------
# Each reads, once the page is rendered, exactly as its Markdown counterpart above does once
# Markdown has run (the same elements, attributes and text): a PRD page's requirement table and
# details are written as HTML (:class:`specsite.core.html_table.HtmlBlocks`), as Markdown cost
# more than everything else on those pages.


def html_cell(value: Any) -> str:
    """:func:`cell` as raw HTML."""
    return html_line(value)


def html_prose(value: Any) -> str:
    """:func:`prose` as raw HTML."""
    return html_text_code(value)


def html_link(from_page: str, graph: SpecGraph, target: str, use_directory_urls: bool,
              text: str | None = None) -> str:
    """:func:`link` as raw HTML: the link carries the final URL MkDocs would have made."""
    entity = graph.get(target)
    if text is None:
        text = link_text(entity) if entity is not None and reads_as_title(entity) else shown_id(target)
    if entity is None or not entity.page:
        if target.startswith(("c4:", "api:")):
            return f"<code>{html_line(shown_id(target))}</code>"
        return html_unresolved(text)
    # link() names the page's file when a link to its own page has no anchor: MkDocs makes that "./"
    href = link_url(from_page, entity.page, use_directory_urls, entity.anchor) or \
        relative_url(from_page, entity.page, use_directory_urls)
    return f'<a href="{html_attr(href)}" title="{html_attr(tooltip(entity))}">{html_text_code(text)}</a>'


def html_links(from_page: str, graph: SpecGraph, targets: Iterable[str], use_directory_urls: bool) -> str:
    """:func:`links` as raw HTML."""
    return ", ".join(html_link(from_page, graph, t, use_directory_urls) for t in dict.fromkeys(targets))


def html_number(value: float | None) -> str:
    """:func:`number` as raw HTML."""
    return "" if value is None else html_line(_figure(value))


def html_target_text(target: Target) -> str:
    """:func:`target_text` as raw HTML."""
    unit = f" {html_line(target.unit)}" if target.unit else ""
    return f"{html_text_code(target.metric)} {html_line(_OPS[target.op])} {html_number(target.value)}{unit}"
