"""Every PRD rule: one test that makes it fire, one that keeps it quiet."""

from __future__ import annotations

import pytest
from prd_helpers import GOOD, codes, prd_text

from specsite.core.findings import CATALOGUE, Severity
from specsite.prd.kind import PRD_KIND

MINIMAL = """
id: PRD-{n:04d}
title: Feature {n}
status: {status}
owner: sam
"""


def minimal(n: int = 1, status: str = "draft", extra: str = "") -> str:
    return prd_text(MINIMAL.format(n=n, status=status) + extra)


def one(result, code: str):
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, result.findings
    return found[0]


def test_every_prd_rule_is_in_the_catalogue_with_a_summary():
    rules = [r for r in CATALOGUE.sorted() if r.kind == "prd"]
    # PRD009 and PRD010 are retired: unknown c4/api targets are C4009 and OAS025 (never reused)
    assert [r.code for r in rules] == [f"PRD{i:03d}" for i in range(1, 20) if i not in (9, 10)]
    assert all(r.summary and r.name for r in rules)


def test_the_good_prd_is_quiet_on_every_rule(specs):
    assert specs({"0007-one-click-checkout.md": prd_text(GOOD)}).findings == []


# PRD001 (schema) is covered both ways in test_prd_reading.py.


def test_prd002_duplicate_prd_id(specs):
    result = specs({"0001-a.md": minimal(1), "0002-b.md": minimal(1)})
    finding = one(result, "PRD002")
    assert (finding.file, finding.line) == ("prds/0002-b.md", 2)
    assert "already used by prds/0001-a.md" in finding.message


def test_prd002_quiet_for_distinct_ids(specs):
    assert codes(specs({"0001-a.md": minimal(1), "0002-b.md": minimal(2)})) == []


REQS = """
requirements:
  - id: {a}
    text: One.
    priority: could
  - id: {b}
    text: Two.
    priority: could
"""


@pytest.mark.parametrize("a,b", [("R1", "R1"), ("R1", "r1")])
def test_prd003_duplicate_requirement_id(specs, a, b):
    finding = one(specs({"0001-a.md": minimal(extra=REQS.format(a=a, b=b))}), "PRD003")
    assert finding.line == 11 and finding.entity == f"PRD-0001.{b}"


def test_prd003_quiet_for_distinct_requirement_ids(specs):
    assert codes(specs({"0001-a.md": minimal(extra=REQS.format(a="R1", b="R2"))})) == []


MUST = """
requirements:
  - id: R1
    text: Pay in one step.
    priority: must
"""


@pytest.mark.parametrize("status", ["approved", "shipped"])
def test_prd004_must_without_acceptance_once_approved(specs, status):
    finding = one(specs({"0001-a.md": minimal(status=status, extra=MUST)}), "PRD004")
    assert finding.line == 8 and finding.entity == "PRD-0001.R1"
    assert "no acceptance criteria" in finding.message


def test_prd004_quiet_for_drafts_and_for_criteria(specs):
    with_criteria = MUST + "    acceptance: [{given: a, when: b, then: c}]\n"
    result = specs({"0001-a.md": minimal(1, "review", MUST),
                    "0002-b.md": minimal(2, "approved", with_criteria)})
    assert codes(result) == []


NFR = """
requirements:
  - id: NFR1
    kind: security
    text: Card data never reaches our servers.
    priority: should
"""


def test_prd005_nfr_without_target(specs):
    finding = one(specs({"0001-a.md": minimal(status="review", extra=NFR)}), "PRD005")
    assert finding.line == 9 and "security requirement NFR1 has no measurable target" in finding.message


def test_prd005_quiet_with_a_target_or_in_draft(specs):
    with_target = NFR + "    target: {metric: card numbers stored, op: '=', value: 0}\n"
    result = specs({"0001-a.md": minimal(1, "draft", NFR),
                    "0002-b.md": minimal(2, "approved", with_target)})
    assert codes(result) == []


def rice(values: str) -> str:
    return f"""
requirements:
  - id: R1
    text: Search by synonym.
    priority: should
    rice: {{{values}}}
"""


@pytest.mark.parametrize("values,line,text", [
    ("reach: 100, impact: 2", 11, "RICE lacks confidence, effort"),
    ("reach: 100, impact: 4, confidence: 0.5, effort: 1", 11, "impact 4 is not one of 0.25, 0.5, 1, 2, 3"),
    ("reach: 100, impact: 1, confidence: 80, effort: 1", 11, "confidence 80 is not in (0, 1]"),
    ("reach: 100, impact: 1, confidence: 0.8, effort: 0", 11, "effort 0 must be greater than 0"),
    ("reach: -5, impact: 1, confidence: 0.8, effort: 1", 11, "reach -5 must be greater than 0"),
])
def test_prd006_invalid_rice(specs, values, line, text):
    finding = one(specs({"0001-a.md": minimal(extra=rice(values))}), "PRD006")
    assert finding.line == line and text in finding.message


def test_prd006_quiet_for_complete_rice(specs):
    result = specs({"0001-a.md": minimal(extra=rice("reach: 100, impact: 0.25, confidence: 1, effort: 0.5"))})
    assert codes(result) == []
    assert result.graph.get("PRD-0001.R1").attrs["rice_score"] == 50


def test_prd007_unknown_adr_at_prd_and_requirement_level(specs):
    extra = "adrs: [ADR-0099]\nrequirements:\n  - {id: R1, text: x, priority: could, adrs: [ADR-98]}\n"
    result = specs({"0001-a.md": minimal(extra=extra)})
    found = sorted((f.line, f.column, f.message) for f in result.findings if f.code == "PRD007")
    assert found == [
        (6, 8, "PRD-0001 relies on ADR-0099, which is not a decision in the ADR folders"),
        (8, 47, "PRD-0001.R1 relies on ADR-0098, which is not a decision in the ADR folders")]


def test_prd007_quiet_for_known_adrs(specs):
    assert codes(specs({"0001-a.md": minimal(extra="adrs: [ADR-3, adr-0002]\n")})) == []


def test_prd008_unknown_requirement(specs):
    extra = ("depends_on: [PRD-0002]\nrequirements:\n"
             "  - {id: R1, text: x, priority: could, depends_on: [R9, PRD-0001.R2]}\n")
    result = specs({"0001-a.md": minimal(extra=extra)})
    found = sorted(f.message for f in result.findings if f.code == "PRD008")
    assert found == ["PRD-0001 depends on PRD-0002, which is no PRD or requirement",
                     "PRD-0001.R1 depends on PRD-0001.R2, which is no PRD or requirement",
                     "PRD-0001.R1 depends on PRD-0001.R9, which is no PRD or requirement"]


def test_prd008_quiet_for_known_prds_and_requirements(specs):
    first = minimal(1, extra="requirements:\n  - {id: R1, text: x, priority: could}\n"
                            "  - {id: R2, text: y, priority: could, depends_on: [R1]}\n")
    second = minimal(2, extra="depends_on: [PRD-1, PRD-0001.R2]\n")
    assert codes(specs({"0001-a.md": first, "0002-b.md": second})) == []


def test_prd011_approved_prd_relying_on_a_superseded_adr_names_the_successor(specs):
    finding = one(specs({"0001-a.md": minimal(status="approved", extra="adrs: [ADR-0001]\n")}),
                  "PRD011")
    assert finding.line == 6
    assert ("PRD-0001 is approved but relies on ADR-0001 (Store orders in a document store), "
            "which is superseded by ADR-0002: rely on ADR-0002 instead") in finding.message


def test_prd011_names_a_rejected_adr(specs, tmp_path):
    (tmp_path / "adrs" / "0004-rejected.md").write_text(
        "---\nstatus: rejected\ndate: 2026-01-01\n---\n# Use a queue\n", encoding="utf-8")
    finding = one(specs({"0001-a.md": minimal(status="approved", extra="adrs: [ADR-0004]\n")}),
                  "PRD011")
    assert "relies on ADR-0004 (Use a queue), which is rejected: rely on the decision" in finding.message


def test_prd011_quiet_for_current_adrs_and_unapproved_prds(specs):
    result = specs({"0001-a.md": minimal(1, "approved", "adrs: [ADR-0002]\n"),
                    "0002-b.md": minimal(2, "draft", "adrs: [ADR-0001]\n")})
    assert codes(result) == []


QUESTIONS = "open_questions:\n  - Do we need PayPal?\n  - {question: Mobile?, answer: Yes}\n"


def test_prd012_shipped_with_open_questions(specs):
    finding = one(specs({"0001-a.md": minimal(status="shipped", extra=QUESTIONS)}), "PRD012")
    assert finding.line == 7 and "'Do we need PayPal?' is still open" in finding.message


def test_prd012_quiet_before_shipping_or_when_answered(specs):
    answered = "open_questions:\n  - {question: Mobile?, answer: Yes}\n"
    result = specs({"0001-a.md": minimal(1, "approved", QUESTIONS),
                    "0002-b.md": minimal(2, "shipped", answered)})
    assert codes(result) == []


def effort(must: float, should: float) -> str:
    return f"""
requirements:
  - {{id: R1, text: x, priority: must, rice: {{reach: 10, impact: 1, confidence: 1, effort: {must}}}}}
  - {{id: R2, text: y, priority: should, rice: {{reach: 10, impact: 1, confidence: 1, effort: {should}}}}}
"""


def test_prd013_must_effort_over_budget_is_a_warning(specs):
    finding = one(specs({"0001-a.md": minimal(extra=effort(7, 3))}), "PRD013")
    assert finding.severity is Severity.WARNING and finding.line == 7
    assert "70% of PRD-0001's RICE effort (7 of 10 person-months)" in finding.message


def test_prd013_quiet_within_budget_or_with_one_estimate(specs):
    one_estimate = "requirements:\n  - {id: R1, text: x, priority: must, rice: {reach: 1, impact: 1, confidence: 1, effort: 5}}\n"
    result = specs({"0001-a.md": minimal(1, extra=effort(6, 4)), "0002-b.md": minimal(2, extra=one_estimate)})
    assert codes(result) == []


def test_prd013_budget_is_configurable(specs):
    result = specs({"0001-a.md": minimal(extra=effort(7, 3))})
    config = result.config.model_copy(update={"prd_must_budget": 0.8})
    assert [f.code for f in PRD_KIND.check(result.graph, result.results["prd"], config)] == []


def test_prd014_file_number_mismatch(specs):
    finding = one(specs({"0003-copied.md": minimal(4)}), "PRD014")
    assert finding.message == "file name says 3 but the front matter says PRD-0004"


def test_prd014_quiet_for_matching_or_unnumbered_names(specs):
    assert codes(specs({"0004-x.md": minimal(4), "checkout.md": minimal(5),
                        "PRD-0006-y.md": minimal(6)})) == []


def test_severities_are_configurable(specs):
    result = specs({"0001-a.md": minimal(extra=effort(7, 3))}, rules={"PRD013": "error"})
    assert one(result, "PRD013").severity is Severity.ERROR
    assert codes(specs({}, rules={"PRD013": "off"})) == []
