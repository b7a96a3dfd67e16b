"""Helpers for debt register tests: a small project with ADRs, a C4 model and debt items."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from project_fixtures import write_files

from specsite.core.config import SpecsiteConfig
from specsite.core.pipeline import SpecSet, load_specs
from specsite.core.project import Project

WORKSPACE = """workspace {
    !identifiers hierarchical
    model {
        shopper = person "Shopper" "Buys things."
        shop = softwareSystem "Shop" "Sells things." {
            api = container "API" "Takes orders."
            db = container "Database" "Keeps orders."
        }
        shopper -> shop.api "Uses"
        shop.api -> shop.db "Reads"
    }
    views {
        container shop {
            include *
        }
    }
}
"""

ADR_ACCEPTED = """# 1. Keep one database

Date: 2026-01-10

## Status

Accepted

## Context

Fast to ship.

## Decision

One database; we accept [[DEBT-0001]] for now.

## Consequences

Some debt.
"""

ADR_PROPOSED = """# 2. Split the database

Date: 2026-02-10

## Status

Proposed

## Context

It hurts.

## Decision

Split it; this repays [[DEBT-0001]].

## Consequences

Work.
"""

MKDOCS = """site_name: Debt
theme: {name: material, font: false}
plugins:
  - search
  - specsite:
      adrs: adrs
      c4: workspace.dsl
      debt: debt
nav:
  - Home: index.md
  - Technical debt:
      - debt/index.md
      - debt/quadrants.md
"""


def item(number: int = 1, **fields: Any) -> str:
    """A debt item file: valid front matter (overridable; a None value drops the key) and a body."""
    data: dict[str, Any] = {
        "id": f"DEBT-{number:04d}", "title": f"Debt {number}", "quadrant": "prudent-deliberate",
        "status": "open", "elements": ["shop.db"], "adrs": ["ADR-0001"],
        "interest": "4 hours/month", "principal": "2 days",
    }
    data.update(fields)
    data = {k: v for k, v in data.items() if v is not None}
    body = fields.get("_body", f"# Debt {number}\n\nWhat and why.\n")
    data.pop("_body", None)
    return "---\n" + "\n".join(f"{k}: {json.dumps(v)}" for k, v in data.items()) + "\n---\n" + body


def project(root: Path, debt: dict[str, str], c4: bool = True, adrs: dict[str, str] | None = None
            ) -> Path:
    """Write the project: ADRs, the workspace (when ``c4``), debt files and mkdocs.yml."""
    files: dict[str, str | bytes] = {
        "mkdocs.yml": MKDOCS if c4 else MKDOCS.replace("      c4: workspace.dsl\n", ""),
        "docs/index.md": "# Home\n\nThe worst debt is [[DEBT-0001]].\n",
        "adrs/0001-keep-one-database.md": ADR_ACCEPTED,
        "adrs/0002-split-the-database.md": ADR_PROPOSED,
        **(adrs or {}),
    }
    if c4:
        files["workspace.dsl"] = WORKSPACE
    files.update({f"debt/{name}": text for name, text in debt.items()})
    return write_files(root, files)


def run(root: Path, c4: bool = True) -> SpecSet:
    """The pipeline over the project (no docs pages)."""
    config = SpecsiteConfig(adrs=["adrs"], debt=["debt"], c4=["workspace.dsl"] if c4 else [])
    return load_specs(Project(root), config, None)


def found(specs: SpecSet, prefix: str = "DEBT") -> list[tuple[str, str | None, int | None]]:
    """(code, file, line) of the findings whose code starts with ``prefix``."""
    return sorted((f.code, f.file, f.line) for f in specs.findings if f.code.startswith(prefix))
