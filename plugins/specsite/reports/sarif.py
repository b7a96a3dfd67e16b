"""SARIF 2.1.0, for code scanning (GitHub uploads it with github/codeql-action/upload-sarif)."""

from __future__ import annotations

from urllib.parse import quote

from ..core.findings import CATALOGUE, Finding, Severity
from . import ReportContext
from .escape import json_document

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HELP = "https://github.com/specsite/specsite#rule-codes"


def render(findings: list[Finding], context: ReportContext) -> str:
    """One run, every rule's metadata, one result per finding, locations relative to the root."""
    rules = CATALOGUE.sorted()
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for f in findings:
        result = {
            "ruleId": f.code,
            "ruleIndex": index.get(f.code, -1),
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
        }
        if f.file:
            region = {}
            if f.line:
                region["startLine"] = f.line
                if f.column:
                    region["startColumn"] = f.column
            location = {"physicalLocation": {
                "artifactLocation": {"uri": quote(f.file, safe="/", errors="replace"), "uriBaseId": "%SRCROOT%"}}}
            if region:
                location["physicalLocation"]["region"] = region
            if f.entity:
                location["logicalLocations"] = [{"name": f.entity, "kind": "member"}]
            result["locations"] = [location]
        results.append(result)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "specsite",
                "version": context.tool_version,
                "informationUri": HELP,
                "rules": [{
                    "id": r.code,
                    "name": r.name,
                    "shortDescription": {"text": r.summary},
                    "defaultConfiguration": {"level": _LEVEL[r.severity]},
                    "helpUri": f"{HELP}",
                    "properties": {"kind": r.kind},
                } for r in rules],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
            "results": results,
        }],
    }
    return json_document(doc)
