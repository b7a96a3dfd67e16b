"""Findings as a GitLab Code Quality report (``artifacts: reports: codequality``).

GitLab shows these in the merge request's Code Quality widget and in the diff. Each issue's
``fingerprint`` is what GitLab compares between the base and the head pipeline to tell new
findings from fixed ones, so it leaves the line out: a finding that merely moves (lines added
above it) is the same finding. Identical findings in one file are told apart by their order.
"""

from __future__ import annotations

import hashlib
import json

from ..core.findings import Finding, Severity
from . import ReportContext

#: GitLab's levels are info, minor, major, critical and blocker; an error fails ``check`` and the
#: site build, so it is critical; a warning is minor; info stays info
SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "minor", Severity.INFO: "info"}
#: where a finding with no file is shown (project-level findings come from the configuration)
PROJECT_FILE = "mkdocs.yml"


def fingerprint(f: Finding, occurrence: int = 0) -> str:
    """A stable hash of the rule code, file, message and entity (and which identical one)."""
    parts = [f.code, f.file or "", f.message, f.entity or "", str(occurrence)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def render(findings: list[Finding], context: ReportContext) -> str:
    """A JSON array of Code Quality issues, sorted like every report."""
    issues, seen = [], {}
    for f in sorted(findings, key=Finding.sort_key):
        key = (f.code, f.file, f.message, f.entity)
        seen[key] = seen.get(key, -1) + 1
        issues.append({
            "type": "issue",
            "check_name": f.code,
            "description": f"{f.code} {f.message}",
            "severity": SEVERITY[f.severity],
            "fingerprint": fingerprint(f, seen[key]),
            "location": {"path": f.file or PROJECT_FILE, "lines": {"begin": f.line or 1}},
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
