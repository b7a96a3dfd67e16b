"""Helpers for PRD tests: spec texts, a stand-in kind, small writers."""

from __future__ import annotations

import textwrap
from pathlib import Path

from specsite.core.config import SpecsiteConfig
from specsite.core.entities import Entity
from specsite.core.graph import SpecGraph
from specsite.core.kind import ReadResult, SiteContext
from specsite.core.pipeline import SpecSet
from specsite.core.project import Project

ADR_ACCEPTED = """---
status: accepted
date: 2026-01-10
---
# Use hosted card fields

## Decision Outcome

Chosen.

### Consequences

Fine.
"""

ADR_SUPERSEDED = """---
status: superseded by ADR-0002
date: 2025-01-10
---
# Store orders in a document store

## Decision Outcome

Chosen.

### Consequences

Fine.
"""

ADR_SUCCESSOR = """---
status: accepted
date: 2026-01-11
supersedes: ADR-0001
---
# Store orders in PostgreSQL

## Decision Outcome

Chosen.

### Consequences

Fine.
"""


class FakeKind:
    """Stands in for the C4 and OpenAPI kinds: entities with the given IDs, no checks, no pages."""

    name = "fake"

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids

    def read(self, project: Project, config: SpecsiteConfig) -> ReadResult:
        return ReadResult([Entity(id=i, kind="element", title=i) for i in self.ids])

    def check(self, graph: SpecGraph, result: ReadResult, config: SpecsiteConfig) -> list:
        return []

    def pages(self, graph: SpecGraph, result: ReadResult, site: SiteContext) -> list:
        return []


def write(path: Path, text: str) -> Path:
    """Write dedented text (creating folders)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def prd_text(front: str, body: str = "# Title\n\nProse.\n") -> str:
    """A PRD file from dedented front matter and a body."""
    return "---\n" + textwrap.dedent(front).strip("\n") + "\n---\n" + body


def codes(specs: SpecSet, prefix: str = "") -> list[str]:
    """The rule codes found, sorted, optionally only those starting with ``prefix``."""
    return sorted(f.code for f in specs.findings if f.code.startswith(prefix))


GOOD = """
id: PRD-0007
title: One-click checkout
status: approved
owner: jane.doe
reviewers: [sam.lee]
release: 2027-Q1
adrs: [ADR-0003]
c4: [webshop.checkoutService]
requirements:
  - id: R1
    text: A signed-in shopper with a saved card can pay in one step.
    priority: must
    rice: {reach: 50000, impact: 2, confidence: 0.8, effort: 3}
    acceptance:
      - given: a signed-in shopper with a saved card
        when: they press Buy now
        then: the order is placed and a receipt is shown
    apis: [payments#createPayment]
    edge_cases: [card expired, 3-D Secure challenge]
  - id: NFR1
    kind: performance
    text: Checkout stays fast at peak.
    priority: must
    rice: {reach: 50000, impact: 1, confidence: 0.5, effort: 2}
    target: {metric: p95 latency, op: "<=", value: 300, unit: ms}
  - id: R2
    text: Shoppers can switch the saved card before paying.
    priority: should
    rice: {reach: 20000, impact: 1, confidence: 0.8, effort: 4}
    depends_on: [R1]
metrics:
  - {name: checkout conversion, baseline: 3.1%, target: 3.5%}
open_questions:
  - question: Do we offer one-click on mobile web?
    answer: Yes, from the first release.
"""


SITE_CONFIG = """
site_name: Test
docs_dir: docs
theme: {name: material}
markdown_extensions: [admonition, attr_list, md_in_html, tables, {toc: {permalink: true}}]
plugins:
  - specsite:
      adrs: %(adrs)s
      prds: %(prds)s
"""


def build_site(root: Path, adrs: str = "adrs", prds: str = "prds") -> Path:
    """Build ``root`` with MkDocs in strict mode (the caller has put the PRD kind into KINDS)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file = root / "mkdocs.yml"
    config_file.write_text(SITE_CONFIG % {"adrs": adrs, "prds": prds}, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    if not (root / "docs" / "index.md").exists():
        (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    config = load_config(str(config_file), strict=True, site_dir=str(root / "site"))
    build(config)
    return root / "site"
