"""Helpers for the OpenAPI tests: write a project, run the kind like the pipeline does."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from project_fixtures import CORPUS as SHARED_CORPUS
from project_fixtures import write_files
from specsite.core.config import SpecsiteConfig
from specsite.core.entities import Entity
from specsite.core.findings import Finding, apply_severities
from specsite.core.graph import SpecGraph
from specsite.core.kind import ReadResult, SiteContext  # noqa: F401  (SiteContext re-exported)
from specsite.core.project import Project
from specsite.openapi.kind import OpenApiKind

CORPUS = SHARED_CORPUS / "openapi"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: a description that no rule finds anything wrong with (the "quiet" baseline)
CLEAN = """
openapi: 3.0.3
info:
  title: Payments
  version: "1.0"
servers:
  - url: https://api.example.com
tags:
  - name: payments
paths:
  /payments/{id}:
    get:
      operationId: getPayment
      summary: Get a payment
      tags: [payments]
      x-requirements: [PRD-0001.R1]
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: The payment
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Payment"
components:
  schemas:
    Payment:
      type: object
      required: [id]
      properties:
        id:
          type: string
"""


def requirement(req_id: str = "PRD-0001.R1", **attrs: object) -> Entity:
    """A stand-in for a requirement entity of the PRD kind."""
    return Entity(id=req_id, kind="requirement", title=req_id, file="specs/prd.md", line=3,
                  attrs=dict(attrs), page="prds/PRD-0001.md", anchor=req_id.split(".")[-1].lower())


@dataclass
class Run:
    """The outcome of reading and checking a project's APIs."""

    project: Project
    result: ReadResult
    graph: SpecGraph
    findings: list[Finding]
    kind: OpenApiKind

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def of(self, code: str) -> list[Finding]:
        return [f for f in self.findings if f.code == code]

    def pages(self) -> dict[str, str]:
        return {p.path: p.inlined() for p in self.kind.pages(self.graph, self.result, SiteContext())}


write = write_files  # the project's one way to lay out files for a test


def run(
    root: Path,
    files: dict[str, str | bytes] | None = None,
    openapi: list[str] | None = None,
    extra: list[Entity] | None = None,
    kind: OpenApiKind | None = None,
    cache_dir: Path | None = None,
    **config: object,
) -> Run:
    """Write ``files`` under ``root`` and run read + check as the pipeline would."""
    write(root, files or {})
    project = Project(root)
    cfg = SpecsiteConfig(openapi=openapi or ["api"], **config)
    kind = kind or OpenApiKind()
    result = kind.read(project, cfg, cache_dir=cache_dir)
    graph = SpecGraph([*result.entities, *(extra if extra is not None else [requirement()])])
    findings = apply_severities(result.findings + kind.check(graph, result, cfg), cfg.rules)
    return Run(project, result, graph, findings, kind)


def variant(text: str, old: str, new: str) -> str:
    """``text`` with one exact snippet replaced (fails loudly when the snippet is missing)."""
    assert old in text, old
    return text.replace(old, new, 1)
