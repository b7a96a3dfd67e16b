"""Renderers of a :class:`~specsite.diff.compare.DiffReport`: text, Markdown (a pull-request
comment), JSON (stable schema, docs/reference/diff.md) and GitHub annotations."""

from __future__ import annotations

import json
from typing import Any, Callable

from ..reports.github import LIMIT_PER_LEVEL
from .compare import DiffReport
from ..reports.escape import workflow_data as gh_data, workflow_property as gh_prop
from .escaping import md, md_cell, md_code, url_path, value_text
from .model import Change, Level, counts

JSON_VERSION = 1
#: the hidden line CI looks for to update one pull-request comment instead of adding another
MARKER = "<!-- specsite-diff -->"
#: how the kinds of changes are grouped and named, in report order
KIND_NAMES = {
    "spec": "Unreadable specs", "prd": "PRDs", "requirement": "Requirements",
    "story": "User stories", "adr": "Decisions",
    "c4": "Architecture elements", "c4-relationship": "Relationships", "c4-view": "Views",
    "api": "APIs", "operation": "API operations", "page": "Pages",
}
_ICON = {Level.BREAKING: "❌", Level.WARNING: "⚠️", Level.INFO: "ℹ️"}
#: rows of breaking changes and warnings shown before the per-kind details
_TOP_ROWS = 50


def _kind_order(kind: str) -> int:
    names = list(KIND_NAMES)
    return names.index(kind) if kind in names else len(names)


def _summary_line(report: DiffReport) -> str:
    c = counts(report.changes)
    return (f"{len(report.changes)} change(s): {c['breaking']} breaking, {c['warning']} warning(s), "
            f"{c['info']} info; {len(report.new_findings)} new finding(s), "
            f"{len(report.resolved_findings)} resolved")


def _sides(report: DiffReport) -> str:
    note = f" ({report.base_note})" if report.base_note else ""
    return f"base {report.base}{note} -> head {report.head}"


def _as_of(report: DiffReport) -> str:
    day = report.as_of.isoformat() if report.as_of else "unknown"
    return f"dates compared as of {day}" + (f": {report.as_of_note}" if report.as_of_note else "")


def render_text(report: DiffReport, site_url: str | None = None) -> str:
    """Plain text for a terminal: most severe first, each change with its places and impact."""
    lines = [f"specsite diff: {_sides(report)}", _as_of(report), _summary_line(report)]
    for level in Level:
        shown = [c for c in report.changes if c.level is level]
        if not shown:
            continue
        lines += ["", f"{level.value.upper()} ({len(shown)})"]
        for c in shown:
            where = c.head or c.base
            lines.append(f"  {c.message}  [{c.code}]")
            places = []
            if c.base:
                places.append(f"base {c.base}")
            if c.head:
                places.append(f"head {c.head}")
            if places and where:
                lines.append(f"    {'; '.join(places)}")
            for f in c.fields[:8]:
                lines.append(f"    {f.path}: {value_text(f.before, 120)} -> {value_text(f.after, 120)}")
            if c.impacted:
                lines.append(f"    to review: {', '.join(c.impacted)}")
    if report.new_findings:
        lines += ["", f"NEW FINDINGS ({len(report.new_findings)})"]
        for f in report.new_findings:
            lines.append(f"  {_finding_place(f)}: {f.get('severity')} {f.get('code')} {f.get('message')}")
    return "\n".join(" ".join(line.split("\r")) for line in lines) + "\n"


def _finding_place(f: dict[str, Any]) -> str:
    file, line = f.get("file"), f.get("line")
    return f"{file}:{line}" if file and line else str(file or "(project)")


def page_url(site_url: str | None, page: str | None, directory_urls: bool = True) -> str | None:
    """The URL of a generated page (``requirements/PRD-0001.md#r1``) on the preview site."""
    if not site_url or not page:
        return None
    path, _, anchor = page.partition("#")
    if directory_urls:
        path = path.removesuffix(".md")
        path = "" if path == "index" else path.removesuffix("/index") + "/"
    else:
        path = path.removesuffix(".md") + ".html"
    return site_url.rstrip("/") + "/" + url_path(path) + (f"#{url_path(anchor)}" if anchor else "")


def _entity_cell(c: Change, site_url: str | None) -> str:
    url = page_url(site_url, c.page)
    text = md_code(c.entity)
    return f"[{text}]({url})" if url else text


def _row(c: Change, site_url: str | None) -> str:
    where = c.head or c.base
    review = ", ".join(md_code(i) for i in c.impacted[:10])
    if len(c.impacted) > 10:
        review += f" and {len(c.impacted) - 10} more"
    detail = "".join(f"<br>{md_cell(f.path)}: {md_cell(value_text(f.before, 80))} → "
                     f"{md_cell(value_text(f.after, 80))}" for f in c.fields[:3])
    return (f"| {_ICON[c.level]} | {_entity_cell(c, site_url)} | {md_cell(c.message)}{detail} | "
            f"{md_code(c.code)} | {md_code(where) if where else ''} | {review} |")


_HEADER = ["| | Entity | Change | Code | Where | To review |", "|---|---|---|---|---|---|"]


def render_markdown(report: DiffReport, site_url: str | None = None) -> str:
    """A pull-request comment: the marker, a summary table by kind, breaking changes and
    warnings first, every change in a ``<details>`` block per kind, then new findings."""
    c = counts(report.changes)
    lines = [MARKER, "## specsite diff", "",
             f"{md(_sides(report))}", "", f"{md(_as_of(report))}", "",
             f"**{c['breaking']} breaking**, {c['warning']} warning(s), {c['info']} info · "
             f"{len(report.new_findings)} new finding(s), {len(report.resolved_findings)} resolved", ""]
    if not report.changes:
        lines += ["No change to the specs.", ""]
    else:
        lines += ["| Kind | Breaking | Warning | Info | Added | Removed | Changed |",
                  "|---|---|---|---|---|---|---|"]
        for kind in sorted({ch.kind for ch in report.changes}, key=_kind_order):
            mine = [ch for ch in report.changes if ch.kind == kind]
            k = counts(mine)
            by = {t: len({ch.entity for ch in mine if ch.change == t}) for t in ("added", "removed", "changed")}
            lines.append(f"| {md_cell(KIND_NAMES.get(kind, kind))} | {k['breaking']} | {k['warning']} | "
                         f"{k['info']} | {by['added']} | {by['removed']} | {by['changed']} |")
        lines.append("")
        top = [ch for ch in report.changes if ch.level is not Level.INFO]
        if top:
            lines += ["### Breaking changes and warnings", "", *_HEADER]
            lines += [_row(ch, site_url) for ch in top[:_TOP_ROWS]]
            if len(top) > _TOP_ROWS:
                lines.append(f"| | | {len(top) - _TOP_ROWS} more in the details below | | | |")
            lines.append("")
        lines += ["### All changes", ""]
        for kind in sorted({ch.kind for ch in report.changes}, key=_kind_order):
            mine = [ch for ch in report.changes if ch.kind == kind]
            lines += ["<details>", f"<summary>{md(KIND_NAMES.get(kind, kind))} ({len(mine)})</summary>",
                      "", *_HEADER, *[_row(ch, site_url) for ch in mine], "", "</details>", ""]
    if report.new_findings:
        lines += ["<details>", f"<summary>New findings ({len(report.new_findings)})</summary>", "",
                  "| Severity | Rule | Where | Message |", "|---|---|---|---|"]
        for f in report.new_findings:
            lines.append(f"| {md_cell(f.get('severity'))} | {md_code(f.get('code'))} | "
                         f"{md_code(_finding_place(f))} | {md_cell(f.get('message'))} |")
        lines += ["", "</details>", ""]
    return "\n".join(lines) + "\n"


def report_dict(report: DiffReport) -> dict[str, Any]:
    """The JSON document (schema: docs/reference/diff.md)."""
    c = counts(report.changes)
    return {
        "version": JSON_VERSION,
        "base": {"source": report.base, "note": report.base_note},
        "head": {"source": report.head},
        "as_of": {"date": report.as_of.isoformat() if report.as_of else None,
                  "note": report.as_of_note},
        "summary": {"changes": len(report.changes), **c, "new_findings": len(report.new_findings),
                    "resolved_findings": len(report.resolved_findings)},
        "changes": [ch.to_dict() for ch in report.changes],
        "new_findings": report.new_findings,
        "resolved_findings": report.resolved_findings,
    }


def render_json(report: DiffReport, site_url: str | None = None) -> str:
    """The JSON document as text."""
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False, default=str) + "\n"


_GH_LEVEL = {Level.BREAKING: "error", Level.WARNING: "warning"}


def render_github(report: DiffReport, site_url: str | None = None) -> str:
    """Annotations on the head lines (base lines for removals) of breaking changes and warnings,
    capped per level like ``check``'s GitHub format, plus a summary notice."""
    lines, shown, hidden = [], {level: 0 for level in _GH_LEVEL}, 0
    for ch in report.changes:
        if ch.level not in _GH_LEVEL:
            continue
        if shown[ch.level] >= LIMIT_PER_LEVEL:
            hidden += 1
            continue
        shown[ch.level] += 1
        where = ch.head or ch.base
        props = []
        if where and where.file:
            props.append(f"file={gh_prop(where.file)}")
            if where.line:
                props.append(f"line={where.line}")
        props.append(f"title={gh_prop(f'{ch.code} ({ch.entity})')}")
        lines.append(f"::{_GH_LEVEL[ch.level]} {','.join(props)}::{gh_data(ch.message)}")
    text = _summary_line(report)
    if hidden:
        text += f"; {hidden} more not shown as annotations (GitHub shows {LIMIT_PER_LEVEL} per level)"
    lines.append(f"::notice title=specsite diff::{gh_data(text)}")
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[DiffReport, str | None], str]] = {
    "text": render_text, "markdown": render_markdown, "json": render_json, "github": render_github,
}
