"""Traceability: x-requirements must resolve, requirements naming operations must resolve,
and an operation traced to nothing is a finding of configurable severity."""

from __future__ import annotations

from openapi_helpers import CLEAN, requirement, run, variant

from specsite.core.entities import Entity, Link
from specsite.core.findings import Severity

UNTRACED = variant(CLEAN, "      x-requirements: [PRD-0001.R1]\n", "")


def test_operation_implements_its_requirements(tmp_path):
    result = run(tmp_path, {"api/payments.yaml": CLEAN})
    op = result.graph.get("api:payments#getPayment")
    assert [(l.rel, l.target, l.line) for l in op.links] == [("implements", "PRD-0001.R1", 15)]
    assert op.attrs["method"] == "GET" and op.attrs["path"] == "/payments/{id}"
    assert op.page == "api/payments/payments.md" and op.anchor == "op-getPayment"


def test_unknown_requirement(tmp_path):
    result = run(tmp_path, {"api/payments.yaml": CLEAN}, extra=[])
    (finding,) = result.of("OAS024")
    assert finding.file == "api/payments.yaml" and finding.line == 15
    assert finding.entity == "api:payments#getPayment"


def test_requirement_ids_are_normalised(tmp_path):
    text = variant(CLEAN, "[PRD-0001.R1]", "[prd-1.R1]")
    assert run(tmp_path, {"api/payments.yaml": text}).findings == []


def test_untraced_operation_is_info_by_default_and_configurable(tmp_path):
    (finding,) = run(tmp_path / "a", {"api/payments.yaml": UNTRACED}).of("OAS026")
    assert finding.severity is Severity.INFO and finding.line == 11
    raised = run(tmp_path / "b", {"api/payments.yaml": UNTRACED}, rules={"OAS026": "error"})
    assert raised.of("OAS026")[0].severity is Severity.ERROR


def test_requirement_naming_the_operation_traces_it(tmp_path):
    named = requirement(operations=["payments#getPayment"])
    result = run(tmp_path, {"api/payments.yaml": UNTRACED}, extra=[named])
    assert result.findings == []


def test_requirement_link_to_an_operation_traces_it(tmp_path):
    req = Entity(id="PRD-0001.R2", kind="requirement", title="R2", file="specs/prd.md", line=9,
                 links=[Link("implemented-by", "api:payments#getPayment", "specs/prd.md", 9)])
    assert run(tmp_path, {"api/payments.yaml": UNTRACED}, extra=[req]).findings == []


def test_requirement_naming_an_unknown_operation(tmp_path):
    named = requirement(operations=["payments#deletePayment"])
    result = run(tmp_path, {"api/payments.yaml": CLEAN}, extra=[named])
    (finding,) = result.of("OAS025")
    assert finding.file == "specs/prd.md" and finding.line == 3
    assert "api:payments#deletePayment" in finding.message


def test_reference_from_a_requirement_traces_the_operation(tmp_path):
    req = Entity(id="PRD-0001.R3", kind="requirement", title="R3", file="specs/prd.md", line=12,
                 links=[Link("references", "api:payments#getPayment", "specs/prd.md", 12)])
    assert run(tmp_path, {"api/payments.yaml": UNTRACED}, extra=[req]).findings == []


def test_operation_findings_name_their_operation(tmp_path):
    text = variant(CLEAN, "      summary: Get a payment\n", "")
    (finding,) = run(tmp_path, {"api/payments.yaml": text}).of("OAS022")
    assert finding.entity == "api:payments#getPayment"
