"""Text made safe for generated Markdown: slugs for file names and anchors, table cells."""

from __future__ import annotations

import re

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, fallback: str, limit: int | None = None) -> str:
    """``Use PostgreSQL for orders!`` -> ``use-postgresql-for-orders`` (``fallback`` when empty)."""
    value = _NOT_SLUG.sub("-", text.lower()).strip("-")
    if limit is not None:
        value = value[:limit].rstrip("-")
    return value or fallback


def table_cell(text: str | None) -> str:
    """Trusted text for one Markdown table cell: one line, no ``|`` breaking the row."""
    return (text or "").replace("|", "\\|").replace("\n", " ").strip()
