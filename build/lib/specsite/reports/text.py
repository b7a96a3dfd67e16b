"""Findings for people reading a terminal."""

from __future__ import annotations

from ..core.findings import Finding, counts
from . import ReportContext


def render(findings: list[Finding], context: ReportContext) -> str:
    """``file:line:col: severity CODE message [entity]`` per finding, then a summary line."""
    lines = []
    for f in findings:
        where = f.location() or "(project)"
        entity = f" [{f.entity}]" if f.entity else ""
        lines.append(f"{where}: {f.severity.value} {f.code} {f.message}{entity}")
    c = counts(findings)
    lines.append(f"{c['error']} error(s), {c['warning']} warning(s), {c['info']} info "
                 f"in {len(context.files)} file(s)")
    return "\n".join(lines) + "\n"
