"""A synthetic spec repository of any size, shaped like a large organisation's: ``n`` PRDs of ten
requirements each, ``2n`` ADRs (adr-tools files, every tenth superseding the one before), a
Structurizr workspace of about ``n`` elements (``n / 50`` systems of ten containers of four
components) and ``n / 20`` OpenAPI files of twenty operations. Requirements trace to decisions and
operations; prose references other specs with ``[[ID]]``. The same ``n`` always gives the same
files (seeded), so figures are comparable between runs.

Usage: ``python benchmarks/scale_corpus.py N DIR`` (writes DIR/mkdocs.yml too).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

MKDOCS_YML = """\
site_name: Scale
theme:
  name: material
  font: false
plugins:
  - search
  - specsite:
      adrs: adrs
      prds: specs/prds
      c4: specs/architecture/workspace.dsl
      openapi: specs/apis
      rules: {PRD011: warning}  # generated PRDs may rely on superseded ADRs
"""


def adr_text(number: int, count: int) -> str:
    """ADR ``number`` of ``count``: every tenth supersedes the one before it."""
    status, supersedes = "Accepted", ""
    if number % 10 == 0:
        supersedes = f"\nSupersedes [{number - 1}. Decision {number - 1}]({number - 1:04d}-decision-{number - 1}.md)\n"
    if (number + 1) % 10 == 0 and number + 1 <= count:
        status = f"Superseded by [{number + 1}. Decision {number + 1}]({number + 1:04d}-decision-{number + 1}.md)"
    return (f"# {number}. Decision {number}\n\nDate: 2026-01-{1 + number % 28:02d}\n\n## Status\n\n"
            f"{status}\n{supersedes}\n## Context\n\nContext for decision {number}, see "
            f"[[ADR-{max(1, number - 3):04d}]].\n\n## Decision\n\nWe will do thing {number}.\n\n"
            f"## Consequences\n\nSome consequences.\n")


def openapi_document(index: int) -> dict:
    """API ``index``: twenty GET operations sharing one schema."""
    paths = {}
    for op in range(20):
        paths[f"/things{index}/{op}/{{id}}"] = {"get": {
            "operationId": f"getThing{op}", "summary": f"Get thing {op}", "tags": ["things"],
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Thing"}}}}}}}
    return {"openapi": "3.0.3", "info": {"title": f"API {index}", "version": "1.0.0"},
            "servers": [{"url": "https://example.test"}], "tags": [{"name": "things"}],
            "paths": paths, "components": {"schemas": {"Thing": {
                "type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}}}


def prd_text(number: int, adrs: int, apis: int, rnd: random.Random) -> str:
    """PRD ``number``: ten requirements with RICE, a criterion, an operation; one ADR."""
    requirements = []
    for r in range(1, 11):
        # a draw the text does not use: it keeps the files identical to those of the generator
        # the figures were measured with (same seed, same sequence)
        rnd.randint(1, adrs)
        requirements.append(
            f"  - id: R{r}\n    text: Requirement {r} of product {number}.\n"
            f"    priority: {rnd.choice(['must', 'should', 'could'])}\n"
            f"    rice: {{reach: {rnd.randint(100, 90000)}, impact: {rnd.choice([0.5, 1, 2, 3])}, "
            f"confidence: 0.8, effort: {rnd.randint(1, 8)}}}\n"
            f"    acceptance:\n      - given: state {r}\n        when: action {r}\n        then: outcome {r}\n"
            f"    apis: [api{rnd.randrange(apis)}#getThing{rnd.randrange(20)}]")
    return (f"---\nid: PRD-{number:04d}\ntitle: Product {number}\nstatus: approved\n"
            f"owner: owner{number % 7}\nrelease: 2027-Q{1 + number % 4}\n"
            f"adrs: [ADR-{rnd.randint(1, adrs):04d}]\nrequirements:\n" + "\n".join(requirements)
            + f"\n---\n\n## Problem\n\nProduct {number} solves a problem. See "
              f"[[PRD-{max(1, number - 1):04d}.R1]].\n")


def workspace_text(systems: int) -> str:
    """A workspace of ``systems`` systems x 10 containers x 4 components, with relationships."""
    lines = ['workspace "Scale" "Generated" {', "  model {", '    user = person "User" "A user."']
    for s in range(systems):
        lines.append(f'    s{s} = softwareSystem "System {s}" "System {s}." {{')
        for c in range(10):
            lines.append(f'      s{s}c{c} = container "Container {s}.{c}" "Container." "Python" {{')
            lines += [f'        s{s}c{c}k{k} = component "Component {k}" "Component." "Python"'
                      for k in range(4)]
            lines.append("      }")
        lines.append("    }")
    for s in range(systems):
        lines.append(f'    user -> s{s}c0 "Uses" "HTTPS"')
        lines += [f'    s{s}c{c - 1}k0 -> s{s}c{c}k1 "Calls" "gRPC"' for c in range(1, 10)]
        if s:
            lines.append(f'    s{s}c0k0 -> s{s - 1}c1 "Depends on" "HTTPS"')
    lines += ["  }", "  views {", '    systemLandscape "Landscape" {', "      include *",
              "      autoLayout", "    }"]
    for s in range(min(systems, 50)):
        lines += [f'    container s{s} "Containers{s}" {{', "      include *", "      autoLayout", "    }"]
    return "\n".join(lines + ["  }", "}"]) + "\n"


def generate(n: int, out: Path) -> Path:
    """Write the repository of scale ``n`` into ``out``; returns ``out``."""
    rnd = random.Random(7)
    adrs, prds = out / "adrs", out / "specs" / "prds"
    apis, arch = out / "specs" / "apis", out / "specs" / "architecture"
    for folder in (adrs, prds, apis, arch, out / "docs"):
        folder.mkdir(parents=True, exist_ok=True)
    adr_count, api_count = 2 * n, max(1, n // 20)
    for i in range(1, adr_count + 1):
        (adrs / f"{i:04d}-decision-{i}.md").write_text(adr_text(i, adr_count), encoding="utf-8")
    for a in range(api_count):
        (apis / f"api{a}.json").write_text(json.dumps(openapi_document(a), indent=1), encoding="utf-8")
    for p in range(1, n + 1):
        (prds / f"PRD-{p:04d}-product-{p}.md").write_text(prd_text(p, adr_count, api_count, rnd),
                                                          encoding="utf-8")
    (arch / "workspace.dsl").write_text(workspace_text(max(1, n // 50)), encoding="utf-8")
    (out / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (out / "docs" / "index.md").write_text("# Scale\n\nSee [[ADR-0001]] and [[PRD-0001]].\n",
                                           encoding="utf-8")
    return out


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
