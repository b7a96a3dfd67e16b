"""GitHub Actions workflow commands: annotations on the pull request's files.

GitHub shows at most 10 error and 10 warning annotations per step (and 10 notices); more are
dropped silently, so the rest are counted in one summary line instead.
"""

from __future__ import annotations

from ..core.findings import Finding, Severity
from . import ReportContext
from .escape import workflow_data, workflow_property

LIMIT_PER_LEVEL = 10
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(findings: list[Finding], context: ReportContext) -> str:
    """One ``::level file=,line=,col=,title=CODE::message`` per finding up to GitHub's limits."""
    lines, shown, hidden = [], {level: 0 for level in _LEVEL}, 0
    for f in sorted(findings, key=lambda f: (f.severity.rank, f.sort_key())):
        if shown[f.severity] >= LIMIT_PER_LEVEL:
            hidden += 1
            continue
        shown[f.severity] += 1
        props = []
        if f.file:
            props.append(f"file={workflow_property(f.file)}")
        if f.line:
            props.append(f"line={f.line}")
        if f.column:
            props.append(f"col={f.column}")
        props.append(f"title={workflow_property(f.code)}")
        lines.append(f"::{_LEVEL[f.severity]} {','.join(props)}::{workflow_data(f.message)}")
    if hidden:
        lines.append(f"::notice title=specsite::{hidden} more finding(s) not shown as annotations "
                     f"(GitHub shows {LIMIT_PER_LEVEL} per level); run specsite check for all")
    return "\n".join(lines) + ("\n" if lines else "")
