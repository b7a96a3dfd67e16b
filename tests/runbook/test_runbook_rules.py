"""Runbook rules RB001-RB009: each fires on the input it is about and stays quiet otherwise,
with the file and line a person must open."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from runbook_helpers import STEPS, codes, load, project, runbook

RB = "runbooks/0001-api-slow.md"


def only(specs, code: str):
    return [f for f in specs.findings if f.code == code]


def test_a_valid_runbook_has_no_runbook_finding_but_the_unprotected_nfr(tmp_path: Path) -> None:
    specs = load(project(tmp_path))
    assert [f.code for f in codes(specs)] == ["RB007"]  # NFR2 is protected by no runbook
    entity = specs.graph.get("RB-0001")
    assert entity is not None and entity.kind == "runbook"
    assert {(l.rel, l.target) for l in entity.links} >= {
        ("service", "c4:shop.api"), ("protects", "PRD-0001.NFR1"), ("references", "ADR-0001")}
    assert entity.attrs["severity"] == "sev2" and entity.attrs["next_review"] == "2026-08-30"


@pytest.mark.parametrize("extra, line, words", [
    ("colour: red", 11, "'colour': is not a runbook field"),
    ("review_every: soon", 10, "'review_every': should be a whole number of days"),
])
def test_rb001_unknown_field_and_wrong_type_at_their_line(tmp_path: Path, extra: str, line: int,
                                                          words: str) -> None:
    text = runbook(extra=extra, review_every=None) if "review_every" in extra else runbook(extra=extra)
    specs = load(project(tmp_path, {"0001-api-slow.md": text}))
    found = only(specs, "RB001")
    assert len(found) == 1 and found[0].file == RB and found[0].line == line, found
    assert words in found[0].message


@pytest.mark.parametrize("date", ["last week", "2026-02-30x", "20260101", "2026-1-5"])
def test_rb001_a_date_that_is_not_yyyy_mm_dd(tmp_path: Path, date: str) -> None:
    specs = load(project(tmp_path, {"0001-api-slow.md": runbook(last_reviewed=date)}))
    found = only(specs, "RB001")
    assert len(found) == 1 and found[0].line == 9 and "is not a date" in found[0].message, found


def test_an_impossible_date_is_a_front_matter_finding_and_the_runbook_keeps_its_id(tmp_path: Path) -> None:
    specs = load(project(tmp_path, {"0001-api-slow.md": runbook(last_reviewed="2026-02-30")}))
    assert [(f.code, f.line) for f in specs.findings if f.file == RB] == [("SPEC003", 9)]
    assert specs.graph.get("RB-0001") is not None  # [[RB-0001]] in the PRD still resolves
    assert not [f for f in specs.findings if f.code == "XREF001"]


def test_rb001_missing_id_and_no_front_matter(tmp_path: Path) -> None:
    no_id = runbook().replace("id: RB-0001\n", "")
    specs = load(project(tmp_path, {"0001-api-slow.md": no_id, "0002-bare.md": "# Bare\n\nText.\n"}))
    found = sorted((f.file, f.line, f.message) for f in only(specs, "RB001"))
    assert found[0][:2] == (RB, 2) and "'id': is required" in found[0][2]
    assert found[1][:2] == ("runbooks/0002-bare.md", 1) and "front matter" in found[1][2]


def test_rb001_bad_id(tmp_path: Path) -> None:
    text = runbook().replace("id: RB-0001", "id: RUN-1")
    found = only(load(project(tmp_path, {"0001-api-slow.md": text})), "RB001")
    assert len(found) == 1 and found[0].line == 2 and "not a runbook ID" in found[0].message


def test_loose_ids_are_normalised(tmp_path: Path) -> None:
    text = runbook().replace("id: RB-0001", "id: rb-1")
    specs = load(project(tmp_path, {"0001-api-slow.md": text}))
    assert specs.graph.get("RB-0001") is not None and not only(specs, "RB001")


def test_rb002_duplicate_id(tmp_path: Path) -> None:
    specs = load(project(tmp_path, {"0001-api-slow.md": runbook(), "0002-copy.md": runbook()}))
    found = only(specs, "RB002")
    assert [(f.file, f.line) for f in found] == [("runbooks/0002-copy.md", 2)]
    assert not only(load(project(tmp_path, {"0002-copy.md": runbook(2)})), "RB002")


def test_rb003_unknown_service_with_a_suggestion_and_no_c4_duplicate(tmp_path: Path) -> None:
    specs = load(project(tmp_path, {"0001-api-slow.md": runbook(service="[shop.api, shop.apx]")}))
    found = only(specs, "RB003")
    assert len(found) == 1 and (found[0].file, found[0].line) == (RB, 4)
    assert "c4:shop.apx" in found[0].message and "c4:shop.api" in found[0].message  # did you mean
    assert not [f for f in specs.findings if f.code.startswith(("C4", "XREF")) and f.file == RB]


def test_rb003_quiet_for_a_component_an_instance_and_without_a_c4_model(tmp_path: Path) -> None:
    text = runbook(service="[shop.api.pricing, prod.cloud.db]")
    assert not only(load(project(tmp_path, {"0001-api-slow.md": text})), "RB003")
    specs = load(project(tmp_path, {"0001-api-slow.md": text}), c4=[])
    assert not only(specs, "RB003")  # nothing to check against


def test_rb004_unknown_slo(tmp_path: Path) -> None:
    specs = load(project(tmp_path, {"0001-api-slow.md": runbook(slo="[PRD-0001.NFR1, PRD-0001.NFR9]")}))
    found = only(specs, "RB004")
    assert len(found) == 1 and (found[0].line, found[0].entity) == (8, "RB-0001")
    assert "PRD-0001.NFR9" in found[0].message


def test_rb004_an_slo_that_is_a_prd_not_a_requirement(tmp_path: Path) -> None:
    assert only(load(project(tmp_path, {"0001-api-slow.md": runbook(slo="[PRD-0001]")})), "RB004")


def test_rb005_a_functional_requirement_is_no_slo(tmp_path: Path) -> None:
    specs = load(project(tmp_path, {"0001-api-slow.md": runbook(slo="[prd-1.R1]")}))
    found = only(specs, "RB005")
    assert len(found) == 1 and "functional requirement" in found[0].message and found[0].line == 8
    assert not only(load(project(tmp_path, {"0001-api-slow.md": runbook()})), "RB005")


def test_rb006_runs_only_with_production_environments(tmp_path: Path) -> None:
    root = project(tmp_path, {"0001-api-slow.md": runbook(service="[shop.api]")})
    assert not only(load(root), "RB006")  # off by default
    found = only(load(root, runbook_production=["production"]), "RB006")
    # db runs in Production without a runbook; web runs only in Staging
    assert [(f.entity, f.file) for f in found] == [("c4:shop.db", "arch/workspace.dsl")]
    assert found[0].line == 18 and "Production" in found[0].message


def test_rb006_a_runbook_for_a_component_or_an_instance_covers_the_container(tmp_path: Path) -> None:
    text = runbook(service="[shop.api.pricing, prod.cloud.db]")
    assert not only(load(project(tmp_path, {"0001-api-slow.md": text}),
                         runbook_production=["Production"]), "RB006")


def test_rb006_severity_is_configurable(tmp_path: Path) -> None:
    specs = load(project(tmp_path), runbook_production=["Production"], rules={"RB006": "error"})
    assert [f.severity.value for f in only(specs, "RB006")] == ["error"]


def test_rb007_fires_for_unprotected_operated_nfrs_of_shipped_prds_only(tmp_path: Path) -> None:
    found = only(load(project(tmp_path)), "RB007")
    assert [(f.entity, f.line, f.severity.value) for f in found] == [("PRD-0001.NFR2", 17, "info")]
    both = runbook(slo="[PRD-0001.NFR1, PRD-0001.NFR2]")
    assert not only(load(project(tmp_path, {"0001-api-slow.md": both})), "RB007")


def test_rb007_quiet_for_a_prd_not_shipped_and_without_runbooks(tmp_path: Path) -> None:
    root = project(tmp_path)
    prd = (root / "prds/0001-checkout.md").read_text().replace("status: shipped", "status: approved")
    (root / "prds/0001-checkout.md").write_text(prd)
    assert not only(load(root), "RB007")
    (root / "prds/0001-checkout.md").write_text(prd.replace("approved", "shipped"))
    assert not only(load(root, runbooks=[]), "RB007")


def test_rb008_needs_an_as_of_date_and_never_reads_the_clock(tmp_path: Path) -> None:
    root = project(tmp_path)  # reviewed 2026-06-01, every 90 days: due 2026-08-30
    assert not only(load(root), "RB008")
    assert not only(load(root, as_of=dt.date(2026, 8, 30)), "RB008")
    found = only(load(root, as_of="2026-09-01"), "RB008")
    assert len(found) == 1 and found[0].line == 9 and "2 day(s) overdue" in found[0].message


def test_rb008_quiet_without_a_review_interval(tmp_path: Path) -> None:
    root = project(tmp_path, {"0001-api-slow.md": runbook(review_every=None)})
    assert not only(load(root, as_of="2030-01-01"), "RB008")


def test_rb009_missing_steps(tmp_path: Path) -> None:
    steps = STEPS.replace("## Escalate", "## Call people").replace("## Verify", "### 4. Verify it")
    found = only(load(project(tmp_path, {"0001-api-slow.md": runbook(steps=steps)})), "RB009")
    assert len(found) == 1 and found[0].line == 12 and "no Escalate section" in found[0].message
    fenced = STEPS.replace("## Verify", "```\n## Verify\n```")
    assert only(load(project(tmp_path, {"0001-api-slow.md": runbook(steps=fenced)})), "RB009")


def test_a_bad_config_date_is_a_clear_error() -> None:
    from pydantic import ValidationError

    from specsite.core.config import SpecsiteConfig, describe_errors

    with pytest.raises(ValidationError) as info:
        SpecsiteConfig(as_of="soon")
    assert describe_errors(info.value) == [
        "option 'as_of': 'soon' is not a date; write YYYY-MM-DD, e.g. 2027-01-31"]


@pytest.mark.parametrize("value, words", [
    ("true", "whole number of days, not True"), ('"30"', "whole number of days, not '30'"),
    ("1.5", "whole number of days"), ("-3", "must be a number of days above 0"),
])
def test_rb001_review_every_is_a_positive_whole_number(tmp_path: Path, value: str, words: str) -> None:
    found = only(load(project(tmp_path, {"0001-api-slow.md": runbook(review_every=value)})), "RB001")
    assert len(found) == 1 and found[0].line == 10 and words in found[0].message, found


@pytest.mark.parametrize("line, words", [
    ("severity: SEV9", "'sev9' is not one of 'sev1'"), ("service: {a: 1}", "should be a list"),
    ("service: [[a]]", "'service[0]': should be text"), ("owner: ''", "must not be empty"),
    ("last_reviewed: 2026-01-01 10:00:00", "has a time of day"),
])
def test_rb001_wrong_forms_never_a_traceback(tmp_path: Path, line: str, words: str) -> None:
    key = line.split(":")[0]
    text = "\n".join(l if not l.startswith(key + ":") else line for l in runbook().split("\n"))
    found = only(load(project(tmp_path, {"0001-api-slow.md": text})), "RB001")
    assert len(found) == 1 and found[0].file == RB and words in found[0].message, found


def test_severity_is_read_without_regard_to_case(tmp_path: Path) -> None:
    text = runbook().replace("severity: sev2", "severity: Sev2")
    specs = load(project(tmp_path, {"0001-api-slow.md": text}))
    assert not only(specs, "RB001") and specs.graph.get("RB-0001").attrs["severity"] == "sev2"


def test_rb006_a_mention_in_the_steps_is_no_coverage(tmp_path: Path) -> None:
    steps = STEPS.replace("Look at the dashboard.", "Look at [[c4:shop.db]].")
    root = project(tmp_path, {"0001-api-slow.md": runbook(steps=steps)})
    found = only(load(root, runbook_production=["Production"]), "RB006")
    assert [f.entity for f in found] == ["c4:shop.db"]
