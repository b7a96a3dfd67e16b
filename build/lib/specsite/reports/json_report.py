"""Findings as JSON (the same finding shape as ``specsite export``)."""

from __future__ import annotations

import json

from ..core.findings import Finding, counts
from . import ReportContext


def render(findings: list[Finding], context: ReportContext) -> str:
    """``{"version": 1, "summary": {...}, "findings": [...]}``, keys in a stable order."""
    doc = {
        "version": 1,
        "summary": {**counts(findings), "files": len(context.files)},
        "findings": [f.to_dict() for f in findings],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
