"""Findings for people reading a terminal (or a CI log)."""

from __future__ import annotations

from ..core.findings import Finding, counts
from . import ReportContext
from .escape import log_line


def line(f: Finding) -> str:
    """``file:line:col: severity CODE message [entity]``: one line whatever the spec held."""
    entity = f" [{f.entity}]" if f.entity else ""
    return log_line(f"{f.location() or '(project)'}: {f.severity.value} {f.code} {f.message}{entity}")


def render(findings: list[Finding], context: ReportContext) -> str:
    """One :func:`line` per finding, then a summary line."""
    lines = [line(f) for f in findings]
    c = counts(findings)
    lines.append(f"{c['error']} error(s), {c['warning']} warning(s), {c['info']} info "
                 f"in {len(context.files)} file(s)")
    return "\n".join(lines) + "\n"
