"""Findings as a Markdown table, for pull-request comments and job summaries."""

from __future__ import annotations

from ..core.findings import Finding, counts
from . import ReportContext
from .escape import markdown_cell, markdown_code

_ICON = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}


def render(findings: list[Finding], context: ReportContext) -> str:
    """A summary line and one table row per finding; every spec value is shown as text."""
    c = counts(findings)
    lines = [f"**specsite check**: {c['error']} error(s), {c['warning']} warning(s), "
             f"{c['info']} info in {len(context.files)} file(s)", ""]
    if findings:
        lines += ["| | Rule | Where | Message |", "|---|---|---|---|"]
        for f in findings:
            lines.append(f"| {_ICON[f.severity.value]} | {markdown_code(f.code)} | "
                         f"{markdown_code(f.location() or '(project)')} | {markdown_cell(f.message)} |")
    return "\n".join(lines) + "\n"
