"""Findings as a Markdown table, for pull-request comments and job summaries."""

from __future__ import annotations

from ..core.findings import Finding, counts
from . import ReportContext

_ICON = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}


def render(findings: list[Finding], context: ReportContext) -> str:
    """A summary line and one table row per finding."""
    c = counts(findings)
    lines = [f"**specsite check**: {c['error']} error(s), {c['warning']} warning(s), "
             f"{c['info']} info in {len(context.files)} file(s)", ""]
    if findings:
        lines += ["| | Rule | Where | Message |", "|---|---|---|---|"]
        for f in findings:
            msg = f.message.replace("|", "\\|")
            lines.append(f"| {_ICON[f.severity.value]} | `{f.code}` | `{f.location()}` | {msg} |")
    return "\n".join(lines) + "\n"
