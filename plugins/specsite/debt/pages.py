"""Pages of the technical-debt register: one per item, the ranked register, the quadrant chart."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..adr.pages import status_badge
from ..core.escape import md_code, md_text, md_text_code
from ..core.graph import SpecGraph
from ..core.html_table import table_classes
from ..core.kind import GeneratedPage, SiteContext
from ..core.references import reference, referenced_by
from ..core.xref import normalise
from .chart import PER_QUADRANT, Chip, left_out, quadrant_svg
from .entities import c4_target
from .model import DebtItem, Quantity
from .reader import DebtDocument
from .register import Entry, register

if TYPE_CHECKING:
    from .kind import DebtModel

INDEX = "debt/index.md"
QUADRANTS = "debt/quadrants.md"
_H1 = re.compile(r"^#\s+.*$", re.MULTILINE)


def render_all(model: "DebtModel", graph: SpecGraph, site: SiteContext) -> list[GeneratedPage]:
    """Every item page plus the register and the quadrant chart."""
    documents = model.unique()
    entries = register(documents)
    ranks = {e.doc.id: e for e in entries}
    pages = [GeneratedPage(INDEX, "Technical debt", _register_page(documents, entries)),
             GeneratedPage(QUADRANTS, "Debt quadrants", _quadrant_page(entries, site))]
    ranked = sum(1 for e in entries if e.rank is not None)
    for doc in documents:
        entity = graph.get(doc.id or "")
        if entity is None or entity.page is None:
            continue
        pages.append(GeneratedPage(entity.page, f"{doc.id}: {doc.title}",
                                   _item_page(doc, graph, ranks.get(doc.id), ranked), doc.file))
    return pages


def share_text(share: float | None) -> str:
    """``0.125`` -> ``12.5% a month (repaid in 8 months of interest)``."""
    if share is None:
        return ""
    if share <= 0:
        return "0% a month (costs nothing while it stays)"
    return f"{share * 100:.3g}% a month (interest matches the principal in {1 / share:.3g} months)"


def _quantity(value: Quantity | None) -> str:
    return md_text(value.text()) if value is not None else "—"


def _item_page(doc: DebtDocument, graph: SpecGraph, entry: Entry | None, ranked: int) -> str:
    rows = [("Status", status_badge(doc.status))]
    item: DebtItem | None = doc.item
    if item is not None:
        rows.append(("Quadrant", f"[{md_text(item.quadrant)}](quadrants.md)"))
        rows.append(("Interest", _quantity(item.interest)))
        rows.append(("Principal", _quantity(item.principal)))
        if entry is not None and entry.rank is not None:
            rows.append(("Rank", f"{entry.rank} of {ranked} in the [register](index.md): "
                                 f"{share_text(entry.share)}"))
        elif entry is not None:
            rows.append(("Rank", f"not ranked: {md_text(entry.reason)}"))
        if item.release:
            rows.append(("Release", md_text(item.release)))
        if item.elements:
            rows.append(("Elements", _linked(graph, [c4_target(e) for e in item.elements])))
        if item.adrs:
            rows.append(("Decisions", _linked(graph, [normalise(a) for a in item.adrs])))
    else:
        rows.append(("Front matter", "invalid: see `specsite check`"))
    rows.append(("Source", md_code(doc.file)))
    body = _H1.sub("", doc.body, count=1).strip("\n")
    lines = [f"# {md_text(doc.id)}: {md_text_code(doc.title)}", "", "| | |", "|---|---|"]
    lines += [f"| **{k}** | {v} |" for k, v in rows]
    lines += ["", body, "", referenced_by(graph, doc.id or "")]
    return "\n".join(lines)


def _linked(graph: SpecGraph, ids: list[str]) -> str:
    """``[[ID]]`` references with each entity's title (unknown IDs are marked when linked)."""
    parts = []
    for target in ids:
        entity = graph.get(target)
        title = f" {md_text_code(entity.title)}" if entity is not None and entity.title != target else ""
        parts.append(f"{reference(target)}{title}")
    return "; ".join(parts)


def _register_page(documents: list[DebtDocument], entries: list[Entry]) -> str:
    ranked = [e for e in entries if e.rank is not None]
    unranked = [e for e in entries if e.rank is None]
    repaid = [d for d in documents if d.status == "repaid"]
    invalid = [d for d in documents if d.status is None]
    lines = [
        "# Technical debt register", "",
        f"{len(documents)} items: {len(entries)} outstanding ({len(ranked)} ranked), "
        f"{len(repaid)} repaid. See the [quadrant chart](quadrants.md).", "",
        "Outstanding debt (open, scheduled and accepted) is ranked by its **interest over its "
        "principal**: what it costs each month as a share of what repaying it takes. The debt "
        "that costs most for the effort of repaying it comes first; ties go to the smaller "
        "principal, then to the ID. Effort units convert on 8-hour days, 5-day weeks and 20-day "
        "months; other units (EUR) compare only with themselves.", "",
    ]
    if ranked:
        # nine columns in the content column: the short ones fit their content, the title wraps
        lines += [_box(fit=(1, 2, 5, 7, 9), wide=(3,)),
                  "| Rank | ID | Debt | Quadrant | Status | Interest | Principal | Monthly share "
                  "| Release |", "|---|---|---|---|---|---|---|---|---|"]
        for e in ranked:
            lines.append(_row(e, str(e.rank), f"{(e.share or 0) * 100:.3g}%"))
        lines += ["", "</div>", ""]
    if unranked:
        lines += ["## Not ranked", "",
                  f"{len(unranked)} outstanding items cannot be ranked: an estimate is missing or "
                  "their interest and principal are in units that do not compare. They come after "
                  "the ranked items, by ID.", "", _box(fit=(1, 4, 6, 8), wide=(2,)),
                  "| ID | Debt | Quadrant | Status | Interest | Principal | Why not ranked "
                  "| Release |", "|---|---|---|---|---|---|---|---|"]
        for e in unranked:
            lines.append(_row(e, None, md_text(e.reason)))
        lines += ["", "</div>", ""]
    if not entries:
        lines += ["No outstanding debt.", ""]
    if repaid:
        lines += ["## Repaid", "", _box(fit=(1, 3, 4), wide=(2,)),
                  "| ID | Debt | Quadrant | Release |", "|---|---|---|---|"]
        for d in repaid:
            item = d.item
            lines.append(f"| {reference(d.id or '')} | {md_text_code(d.title)} | "
                         f"{md_text(item.quadrant if item else '')} | "
                         f"{md_text(item.release if item else '')} |")
        lines += ["", "</div>", ""]
    if invalid:
        lines += ["## Not readable", "", "These items have front matter `specsite check` "
                  "reports as invalid:", ""]
        lines += [f"- {reference(d.id or '')} {md_code(d.file)}" for d in invalid if d.id]
        lines.append("")
    return "\n".join(lines)


def _box(fit: tuple[int, ...], wide: tuple[int, ...]) -> str:
    """The opening of the box a register table sits in (its column widths, specsite.css), with
    the blank line Markdown needs before the table; the caller closes it with ``</div>``."""
    return f'<div class="{table_classes(fit, wide)}" markdown>\n'


def _row(e: Entry, rank: str | None, figure: str) -> str:
    d, item = e.doc, e.doc.item
    cells = [rank] if rank is not None else []
    cells += [reference(d.id or ""), md_text_code(d.title),
              md_text(item.quadrant) if item else "", status_badge(d.status),
              _quantity(item.interest if item else None),
              _quantity(item.principal if item else None), figure,
              md_text(item.release) if item and item.release else ""]
    return "| " + " | ".join(cells) + " |"


def _quadrant_page(entries: list[Entry], site: SiteContext) -> str:
    chips = [Chip(e.doc.id or "", e.doc.title, e.doc.status or "", e.doc.item.quadrant)
             for e in entries if e.doc.item is not None and e.doc.id]
    lines = ["# Debt quadrants", "",
             "Outstanding debt in Fowler's technical-debt quadrant: was it taken on deliberately "
             "or inadvertently, recklessly or prudently? Each chip links to its item; within a "
             "quadrant, chips follow the [register](index.md)'s order. Repaid items are not "
             "drawn.", ""]
    hidden = left_out(chips)
    if hidden:
        lines += [f"{hidden} items are not drawn (the chart shows at most {PER_QUADRANT} per "
                  f"quadrant); the [register](index.md) lists every item.", ""]
    # inside a block-level <div>, Markdown leaves the SVG alone (bare, it would be a paragraph
    # and its titles Markdown: "*x*" would lose its stars)
    lines += ['<div class="specsite-debt-chart">', quadrant_svg(chips, QUADRANTS, site), "</div>",
              "",
              "Chips: open (red), scheduled (yellow), accepted (grey).", ""]
    return "\n".join(lines)
