"""A small project with a C4 model, a shipped PRD, an ADR and runbooks, for runbook tests."""

from __future__ import annotations

from pathlib import Path

from project_fixtures import write_files

from specsite.core.config import SpecsiteConfig
from specsite.core.findings import Finding
from specsite.core.pipeline import SpecSet, load_specs
from specsite.core.project import Project

WORKSPACE = """
workspace "Shop" {
    !identifiers hierarchical
    model {
        shopper = person "Shopper" "Buys things."
        shop = softwareSystem "Shop" "Sells things." {
            web = container "Web" "Pages." "Next.js"
            api = container "API" "Orders." "Kotlin" {
                pricing = component "Pricing" "Prices carts." "Kotlin"
            }
            db = container "Database" "Orders." "PostgreSQL"
        }
        shopper -> shop.web "Buys with" "HTTPS"
        shop.web -> shop.api "Calls" "HTTPS"
        shop.api -> shop.db "Reads and writes" "JDBC"
        prod = deploymentEnvironment "Production" {
            deploymentNode "Cloud" "" "Kubernetes" {
                containerInstance shop.api
                containerInstance shop.db
            }
        }
        staging = deploymentEnvironment "Staging" {
            deploymentNode "Cloud" "" "Kubernetes" {
                containerInstance shop.web
            }
        }
    }
    views {
        container shop "Containers" {
            include *
            autoLayout
        }
        component shop.api "Api" {
            include *
            autoLayout
        }
        deployment shop "Production" "Prod" {
            include *
            autoLayout
        }
        deployment shop "Staging" "Stage" {
            include *
            autoLayout
        }
    }
}
"""

PRD = """---
id: PRD-0001
title: Checkout
status: shipped
owner: jane
requirements:
  - id: R1
    text: A shopper can buy.
    priority: must
    acceptance:
      - {when: the shopper pays, then: the order is placed}
  - id: NFR1
    kind: performance
    text: Checkout is fast.
    priority: must
    target: {metric: p95 latency, op: "<=", value: 300, unit: ms}
  - id: NFR2
    kind: availability
    text: Checkout is up.
    priority: must
    target: {metric: availability, op: ">=", value: 99.9, unit: "%"}
---
# Checkout

Operated with [[RB-0001]].
"""

ADR = """---
status: accepted
date: 2026-01-10
---
# Use PostgreSQL

## Decision Outcome

PostgreSQL.

### Consequences

Fine.
"""

STEPS = """
## Diagnose

Look at the dashboard.

## Mitigate

Roll back.

## Escalate

Call the manager.

## Verify

Latency back under target.
"""


def runbook(number: int = 1, *, service: str = "[shop.api]", slo: str = "[PRD-0001.NFR1]",
            last_reviewed: str = "2026-06-01", review_every: str | None = "90",
            extra: str = "", steps: str = STEPS, title: str = "API is slow") -> str:
    """A runbook file; each field can be replaced (``None`` leaves review_every out)."""
    lines = ["---", f"id: RB-{number:04d}", f"title: {title}", f"service: {service}",
             "owner: team-shop", "severity: sev2", "triggers: [ApiLatencyHigh]", f"slo: {slo}",
             f"last_reviewed: {last_reviewed}"]
    if review_every is not None:
        lines.append(f"review_every: {review_every}")
    if extra:
        lines.append(extra)
    lines += ["---", f"# {title}", "", "Decided in [[ADR-0001]].", steps]
    return "\n".join(lines)


MKDOCS = """
site_name: Runbooks test
repo_url: https://example.com/org/repo
edit_uri: edit/main/docs/
theme:
  name: material
  font: false
markdown_extensions: [admonition, attr_list, md_in_html, tables, {toc: {permalink: true}}]
plugins:
  - search
  - specsite:
      adrs: adrs
      prds: prds
      c4: arch/workspace.dsl
      runbooks: runbooks
"""


def project(root: Path, runbooks: dict[str, str] | None = None, **extra: str) -> Path:
    """Write the project: mkdocs.yml, a docs page, the model, the PRD, the ADR and runbooks."""
    files = {"mkdocs.yml": MKDOCS, "docs/index.md": "# Home\n\nSee [[RB-0001]].\n",
             "arch/workspace.dsl": WORKSPACE, "prds/0001-checkout.md": PRD,
             "adrs/0001-use-postgresql.md": ADR}
    files.update({f"runbooks/{name}": text for name, text in
                  (runbooks if runbooks is not None else {"0001-api-slow.md": runbook()}).items()})
    files.update(extra)
    return write_files(root, files)


def load(root: Path, **options: object) -> SpecSet:
    """Run the pipeline over the project with every kind."""
    settings: dict[str, object] = {"adrs": ["adrs"], "prds": ["prds"],
                                   "c4": ["arch/workspace.dsl"], "runbooks": ["runbooks"]}
    config = SpecsiteConfig(**{**settings, **options})
    return load_specs(Project(root), config, None)


def codes(specs: SpecSet, prefix: str = "RB") -> list[Finding]:
    """The findings whose code starts with ``prefix``."""
    return [f for f in specs.findings if f.code.startswith(prefix)]
