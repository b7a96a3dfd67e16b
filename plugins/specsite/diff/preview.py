"""The preview site of a pull request: what ``mkdocs build`` adds when the ``diff_base`` option
(or the ``SPECSITE_DIFF_BASE`` environment variable) names a git revision.

- a "Changes" page (:data:`CHANGES_PAGE`) with the whole diff, every entity linked;
- a banner at the top of every page holding an added, changed or removed entity, field by field
  (a ``danger`` one where a change breaks clients, as on API operation pages);
- a page at the old path of every removed entity whose page is gone, saying it is removed, so
  links from the pull-request comment still land (on a page that stays, its old anchor does);
- marks for the C4 diagrams (:attr:`Preview.marks`) and, on each view page, a legend that also
  lists what the view no longer shows (removed things are not in HEAD's model to be drawn).

The base side is read the way ``specsite diff`` reads it; the head side is the build's own
pipeline run. Every spec value goes through :mod:`specsite.core.escape`. Without a base the
plugin never calls this module, so the published site is unchanged.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.escape import html_attr, md_code, md_text
from ..core.kind import GeneratedPage
from ..core.pipeline import SpecSet
from ..core.urls import relative_md, relative_url
from .c4 import view_contents
from .command import head_date, read_revision
from .compare import DiffReport, compare
from .escaping import md_cell, value_text
from .model import ADDED, CHANGED, REMOVED, Change, Level, counts
from .render import KIND_NAMES
from .snapshot import Snapshot

#: the environment variable that turns the preview on without editing mkdocs.yml (CI)
ENV = "SPECSITE_DIFF_BASE"
#: where the page with the whole diff goes in the docs tree
CHANGES_PAGE = "changes/index.md"
#: fields and impacted entities shown per change in a banner (the Changes page has them all)
_FIELDS_SHOWN = 10
_IMPACT_SHOWN = 10
_ADMONITION = {Level.BREAKING: "danger", Level.WARNING: "warning", Level.INFO: "info"}
_TITLE = {Level.BREAKING: "Breaking changes in this pull request",
          Level.WARNING: "Changed in this pull request (with warnings)",
          Level.INFO: "Changed in this pull request"}
_H1 = re.compile(r"^# .*$", re.MULTILINE)


def diff_base(option: str | None) -> str | None:
    """The revision a build compares with: ``SPECSITE_DIFF_BASE``, else the ``diff_base``
    option, else None (no preview)."""
    return os.environ.get(ENV, "").strip() or (option or "").strip() or None


@dataclass
class Preview:
    """What a preview build adds to the site; :func:`build_preview` makes one."""

    report: DiffReport
    head: Snapshot
    use_directory_urls: bool = True
    #: entity ID -> ``added``/``changed`` for the C4 diagrams (SiteContext.diff_marks)
    marks: dict[str, str] = field(default_factory=dict)
    #: docs-tree path -> the banner its page starts with (filled by :meth:`pages`)
    banners: dict[str, str] = field(default_factory=dict)

    def pages(self, existing: set[str]) -> list[GeneratedPage]:
        """The Changes page and a page for each removed entity's old page that ``existing``
        (every page the site already has) lacks; also decides the banners of existing pages."""
        by_page: dict[str, list[Change]] = {}
        for c in self.report.changes:
            path = _page_path(c)
            if path:
                by_page.setdefault(path, []).append(c)
        gone: dict[str, list[Change]] = {}
        self.banners = {}
        for path, changes in sorted(by_page.items()):
            if path in existing:
                self.banners[path] = self._banner(path, changes)
            elif all(c.change == REMOVED for c in changes):
                gone[path] = changes
        for path, legend in sorted(self._legends().items()):
            if path in existing:
                self.banners[path] = (self.banners.get(path) or self._frame(path, Level.INFO, [])) + legend
        pages = [GeneratedPage(CHANGES_PAGE, "Changes", self._changes_page())]
        pages += [self._removed_page(path, changes) for path, changes in sorted(gone.items())]
        return pages

    def apply(self, markdown: str, path: str) -> str:
        """``markdown`` of the page at ``path`` with its banner after the first heading."""
        banner = self.banners.get(path)
        if not banner:
            return markdown
        heading = _H1.search(markdown)
        if heading is None:
            return banner + "\n" + markdown
        end = heading.end()
        return markdown[:end] + "\n\n" + banner + markdown[end:]

    # -- banners ----------------------------------------------------------------------------

    def _frame(self, path: str, level: Level, items: list[str]) -> str:
        changes_link = relative_md(path, CHANGES_PAGE)
        lines = [f'!!! {_ADMONITION[level]} specsite-changes "{_TITLE[level]}"', "",
                 f"    Compared with {md_text(self.report.base)} · [All changes]({changes_link})", ""]
        lines += [f"    {item}" for item in items]
        return "\n".join(lines) + "\n\n"

    def _banner(self, path: str, changes: list[Change]) -> str:
        worst = min((c.level for c in changes), key=lambda lv: lv.rank)
        items: list[str] = []
        for c in sorted(changes, key=Change.sort_key):
            items.extend(self._item(path, c))
        return self._frame(path, worst, items)

    def _item(self, path: str, c: Change) -> list[str]:
        """One change as a list item (and its field changes as a nested list)."""
        page, _, anchor = (c.page or "").partition("#")
        target = ""
        if c.change == REMOVED and anchor and not self._anchor_taken(page, anchor):
            # the removed entity's old anchor still lands on this page
            target = f'<span id="{html_attr(anchor)}"></span>'
        entity = md_code(c.entity)
        if anchor and c.change != REMOVED:
            entity = f'<a href="#{html_attr(anchor)}">{entity}</a>'
        level = f"**{c.level.value}**" if c.level is not Level.INFO else c.change
        out = [f"- {target}{level} {entity}: {md_text(c.message)}"]
        # a view's fields are its whole element and relationship lists: the message has the
        # difference
        fields = [] if c.kind == "c4-view" else c.fields
        for f in fields[:_FIELDS_SHOWN]:
            out.append(f"    - {md_code(f.path)}: {md_code(value_text(f.before, 200))} → "
                       f"{md_code(value_text(f.after, 200))}")
        if len(fields) > _FIELDS_SHOWN:
            out.append(f"    - and {len(fields) - _FIELDS_SHOWN} more field(s) on the Changes page")
        if c.impacted:
            shown = ", ".join(self._link(path, i) for i in c.impacted[:_IMPACT_SHOWN])
            more = f" and {len(c.impacted) - _IMPACT_SHOWN} more" if len(c.impacted) > _IMPACT_SHOWN else ""
            out.append(f"    - to review: {shown}{more}")
        return out

    def _anchor_taken(self, page: str, anchor: str) -> bool:
        return any(e.page == page and e.anchor == anchor for e in self.head.graph)

    def _link(self, from_page: str, entity_id: str) -> str:
        """An entity ID linked to its page on this site (head side), else plain."""
        entity = self.head.graph.get(entity_id)
        if entity is None or not entity.page:
            return md_code(entity_id)
        url = relative_url(from_page, entity.page, self.use_directory_urls, entity.anchor)
        return f'<a href="{html_attr(url)}">{md_code(entity_id)}</a>'

    def _change_link(self, from_page: str, c: Change) -> str:
        """The entity of a change linked to where it is (or was) shown."""
        page, _, anchor = (c.page or "").partition("#")
        if not page:
            return md_code(c.entity)
        url = relative_url(from_page, page, self.use_directory_urls, anchor or None)
        return f'<a href="{html_attr(url)}">{md_code(c.entity)}</a>'

    def _legends(self) -> dict[str, str]:
        """View page -> the legend of its diagram's marks, with what the view no longer shows
        (only for views that show a change)."""
        views = view_contents(self.head.section("c4", "views"), self.head.section("c4", "relationships"))
        no_longer: dict[str, list[str]] = {}
        removed_from_model = {c.entity for c in self.report.changes if c.change == REMOVED}
        for c in self.report.changes:
            if c.kind == "c4-view" and c.change == CHANGED:
                for f in c.fields:
                    for gone in sorted(set(f.before or []) - set(f.after or [])):
                        why = "removed" if gone in removed_from_model else "no longer in this view"
                        no_longer.setdefault(c.entity.removeprefix("view:"), []).append(
                            f"{md_code(gone)} ({why})")
        out = {}
        for key, view in sorted(views.items()):
            shown = {e for e in view["elements"] | view["relationships"] if e in self.marks}
            gone = no_longer.get(key, [])
            page = view.get("page")
            if not isinstance(page, str) or not (shown or gone):
                continue
            legend = ('    <span class="c4-legend"><span><span class="c4-legend-mark c4-added"></span>added</span>'
                      '<span><span class="c4-legend-mark c4-changed"></span>changed</span>'
                      '<span><span class="c4-legend-mark c4-removed"></span>removed (not drawn)</span></span>')
            lines = [legend, ""]
            marked = sorted(shown)
            if marked:
                lines.append("    Marked in the diagram: " + ", ".join(
                    f"{md_code(e)} ({self.marks[e]})" for e in marked))
                lines.append("")
            if gone:
                lines.append("    Not drawn any more: " + ", ".join(gone))
                lines.append("")
            out[page] = "\n".join(lines) + "\n"
        return out

    # -- pages ------------------------------------------------------------------------------

    def _removed_page(self, path: str, changes: list[Change]) -> GeneratedPage:
        main = next((c for c in changes if "#" not in (c.page or "")), changes[0])
        title = f"{main.title or main.entity} (removed)"
        lines = [f"# {md_text(title)}", "",
                 '!!! failure specsite-changes specsite-removed "Removed in this pull request"', "",
                 "    This page is not in the site any more: the pull request removes what it "
                 f"showed. Compared with {md_text(self.report.base)} · "
                 f"[All changes]({relative_md(path, CHANGES_PAGE)})", ""]
        for c in sorted(changes, key=Change.sort_key):
            lines += [f"    {item}" for item in self._item(path, c)]
        return GeneratedPage(path, title, "\n".join(lines) + "\n")

    def _changes_page(self) -> str:
        r = self.report
        c = counts(r.changes)
        as_of = r.as_of.isoformat() if r.as_of else "unknown"
        lines = ["# Changes", "",
                 f"Compared with {md_text(r.base)}; head {md_text(r.head)}.", "",
                 f"Sunset dates compared as of {md_text(as_of)}: {md_text(r.as_of_note)}.", "",
                 f"**{c['breaking']} breaking**, {c['warning']} warning(s), {c['info']} info · "
                 f"{len(r.new_findings)} new finding(s), {len(r.resolved_findings)} resolved", ""]
        if not r.changes:
            lines += ["No change to the specs.", ""]
        sections = (("Breaking changes", Level.BREAKING), ("Warnings", Level.WARNING),
                    ("Other changes", Level.INFO))
        for heading, level in sections:
            mine = [ch for ch in r.changes if ch.level is level]
            if not mine:
                continue
            lines += [f"## {heading}", "", "| Entity | Kind | Change | What changed | To review |",
                      "|---|---|---|---|---|"]
            for ch in mine:
                detail = "".join(f"<br>{md_code(f.path)}: {md_cell(value_text(f.before, 120))} → "
                                 f"{md_cell(value_text(f.after, 120))}" for f in ch.fields[:5])
                review = ", ".join(self._link(CHANGES_PAGE, i) for i in ch.impacted[:10])
                if len(ch.impacted) > 10:
                    review += f" and {len(ch.impacted) - 10} more"
                lines.append(f"| {self._change_link(CHANGES_PAGE, ch)} | "
                             f"{md_cell(KIND_NAMES.get(ch.kind, ch.kind))} | {md_cell(ch.change)} | "
                             f"{md_cell(ch.message)}{detail} | {review} |")
            lines.append("")
        if r.new_findings:
            lines += ["## New findings", "", "| Severity | Rule | Where | Message |", "|---|---|---|---|"]
            for f in r.new_findings:
                where = f"{f.get('file')}:{f.get('line')}" if f.get("line") else str(f.get("file") or "")
                lines.append(f"| {md_cell(f.get('severity'))} | {md_code(f.get('code'))} | "
                             f"{md_code(where)} | {md_cell(f.get('message'))} |")
            lines.append("")
        return "\n".join(lines)


def _page_path(c: Change) -> str | None:
    return (c.page or "").partition("#")[0] or None


def build_preview(root: Path, config_file: str | None, head: SpecSet, revision: str,
                  use_directory_urls: bool = True) -> Preview:
    """Compare ``revision`` (read from git with its own configuration) with the build's specs;
    :class:`~specsite.diff.command.DiffUsageError` when the revision cannot be read."""
    base = read_revision(root, revision, "base", config_file)
    head_side = Snapshot.from_specs(head, "head", "working tree")
    as_of, note = head_date(root)
    report = compare(base, head_side, dict(head.config.diff_levels), as_of, note)
    marks = {c.entity: c.change for c in report.changes
             if c.kind in ("c4", "c4-relationship") and c.change in (ADDED, CHANGED)}
    return Preview(report, head_side, use_directory_urls, marks)
