"""Findings as JSON (the same finding shape as ``specsite export``)."""

from __future__ import annotations

from ..core.findings import Finding, counts
from . import ReportContext
from .escape import json_document


def render(findings: list[Finding], context: ReportContext) -> str:
    """``{"version": 1, "summary": {...}, "findings": [...]}``, keys in a stable order."""
    doc = {
        "version": 1,
        "summary": {**counts(findings), "files": len(context.files)},
        "findings": [f.to_dict() for f in findings],
    }
    return json_document(doc)
