"""Slugs for file names and anchors, and cells for specsite's own table text (spec values are
escaped by :mod:`specsite.core.escape`)."""

from __future__ import annotations

import hashlib
import re

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, fallback: str, limit: int | None = None) -> str:
    """``Use PostgreSQL for orders!`` -> ``use-postgresql-for-orders`` (``fallback`` when empty)."""
    value = _NOT_SLUG.sub("-", text.lower()).strip("-")
    if limit is not None:
        value = value[:limit].rstrip("-")
    return value or fallback


def file_slug(text: str, fallback: str) -> str:
    """:func:`slug` for a file name: at most 80 characters, a long one cut and ended with a digest
    of the whole text (distinct texts stay distinct; no name is too long for a file system)."""
    value = slug(text, fallback)
    if len(value) <= 80:
        return value
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{value[:60].rstrip('-')}-{digest}"


def table_cell(text: str | None) -> str:
    """specsite's own (trusted) text for one Markdown table cell: one line, no ``|`` breaking the
    row. Never for a spec value: :func:`specsite.core.escape.md_text` escapes those, tables too."""
    return (text or "").replace("|", "\\|").replace("\n", " ").strip()
