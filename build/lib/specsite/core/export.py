"""The ``specsite export`` document: the whole spec graph as JSON-ready data.

The schema is documented in docs/reference/export.md; ``specsite diff`` compares two of these
(saved ones, or ones made on the fly from each side), so it is all a diff needs.
"""

from __future__ import annotations

from typing import Any

from .pipeline import SpecSet

EXPORT_VERSION = 1


def export_document(specs: SpecSet) -> dict[str, Any]:
    """The ``specsite export`` document (schema: docs/reference/export.md)."""
    doc: dict[str, Any] = {
        "version": EXPORT_VERSION,
        "entities": [e.to_dict() for e in specs.graph],
        "findings": [f.to_dict() for f in specs.findings],
    }
    for name, result in sorted(specs.results.items()):
        export = getattr(result.model, "export", None)
        section = export() if callable(export) else None
        if section and any(section.values()):
            doc[name] = section
    return doc
