"""Each DEBT rule fires on the case it names and stays quiet on the valid one."""

from __future__ import annotations

from pathlib import Path

import pytest
from debt_helpers import ADR_ACCEPTED, found, item, project, run


def test_a_valid_register_has_no_findings(tmp_path: Path) -> None:
    project(tmp_path, {"0001-db.md": item(1), "0002-b.md": item(2, quadrant="prudent-inadvertent",
                                                                 adrs=[], status="scheduled",
                                                                 release="2.4")})
    specs = run(tmp_path)
    assert [f for f in specs.findings if f.severity.value != "info"] == [], specs.findings


@pytest.mark.parametrize("fields,message", [
    ({"quadrant": "sloppy"}, "'quadrant': 'sloppy' is not one of"),
    ({"status": None}, "'status': is required but missing"),
    ({"id": "TD-1"}, "'id': 'TD-1' is not a debt ID"),
    ({"interest": "lots"}, "'interest': 'lots' is not an amount with a unit"),
    ({"interest": "4 hours"}, "is not a rate"),
    ({"principal": {"amount": 0, "unit": "days"}}, "the principal must be more than 0"),
    ({"owner": "sam"}, "'owner': is not a debt item field"),
    ({"elements": {"a": 1}}, "'elements': should be a list"),
])
def test_debt001_schema_violation_at_the_key_line(tmp_path: Path, fields: dict,
                                                  message: str) -> None:
    project(tmp_path, {"0001-db.md": item(1, **fields)})
    specs = run(tmp_path)
    schema = [f for f in specs.findings if f.code == "DEBT001"]
    assert len(schema) == 1 and message in schema[0].message, specs.findings
    key = next(iter(fields))
    lines = (tmp_path / "debt/0001-db.md").read_text().split("\n")
    expected = next((i + 1 for i, l in enumerate(lines) if l.startswith(f"{key}:")), 2)
    assert (schema[0].file, schema[0].line) == ("debt/0001-db.md", expected)


def test_debt001_no_front_matter_and_malformed_yaml_are_findings_not_tracebacks(tmp_path: Path
                                                                                 ) -> None:
    project(tmp_path, {"0001-a.md": "# Just prose\n",
                       "0002-b.md": "---\nid: DEBT-0002\ntitle: [broken\n---\nBody\n"})
    specs = run(tmp_path)
    assert ("DEBT001", "debt/0001-a.md", 1) in found(specs)
    assert [(f.code, f.file, f.line) for f in specs.findings if f.code == "SPEC003"] == [
        ("SPEC003", "debt/0002-b.md", 4)]
    # the salvaged ID still resolves, so the home page's reference elsewhere is no XREF001
    assert specs.graph.get("DEBT-0002") is not None


def test_debt001_an_empty_value_is_said_so_not_python_none(tmp_path: Path) -> None:
    text = item(1)
    assert "title: \"Debt 1\"\n" in text
    project(tmp_path, {"0001-db.md": text.replace("title: \"Debt 1\"\n", "title:\n")})
    schema = [f for f in run(tmp_path).findings if f.code == "DEBT001"]
    assert [f.message for f in schema] == ["'title': should be text, not an empty value"]


def test_debt002_duplicate_id(tmp_path: Path) -> None:
    project(tmp_path, {"0001-a.md": item(1), "0002-b.md": item(1)})
    assert ("DEBT002", "debt/0002-b.md", 2) in found(run(tmp_path))
    project(tmp_path, {"0002-b.md": item(2)})
    assert "DEBT002" not in {c for c, *_ in found(run(tmp_path))}


def test_debt003_unknown_element_replaces_c4009(tmp_path: Path) -> None:
    project(tmp_path, {"0001-a.md": item(1, elements=["shop.db", "shop.cache"])})
    specs = run(tmp_path)
    assert found(specs) == [("DEBT003", "debt/0001-a.md", 6)]
    assert found(specs, "C4009") == []  # one wrong ID, one finding (ADR-0010, ADR-0020)
    assert "shop.cache" in next(f.message for f in specs.findings if f.code == "DEBT003")


def test_debt003_says_did_you_mean_once_not_inside_other_brackets(tmp_path: Path) -> None:
    project(tmp_path, {"0001-a.md": item(1, elements=["shop.dbb"])})
    message = next(f.message for f in run(tmp_path).findings if f.code == "DEBT003")
    assert "(removed or misspelt) (did you mean c4:shop.db?): update 'elements'" in message


def test_debt003_quiet_for_known_elements_and_without_a_c4_model(tmp_path: Path) -> None:
    project(tmp_path, {"0001-a.md": item(1, elements=["shop.api", "c4:shop.db"])})
    assert found(run(tmp_path)) == []
    project(tmp_path / "no-c4", {"0001-a.md": item(1, elements=["shop.cache"])}, c4=False)
    assert found(run(tmp_path / "no-c4", c4=False)) == []


def test_debt004_unknown_adr(tmp_path: Path) -> None:
    project(tmp_path, {"0001-a.md": item(1, adrs=["ADR-0001", "adr-9"])})
    specs = run(tmp_path)
    assert found(specs) == [("DEBT004", "debt/0001-a.md", 7)]
    assert "ADR-0009" in next(f.message for f in specs.findings if f.code == "DEBT004")
    project(tmp_path, {"0001-a.md": item(1, adrs=["adr-2"])})
    assert found(run(tmp_path)) == []


@pytest.mark.parametrize("quadrant", ["reckless-deliberate", "prudent-deliberate"])
def test_debt005_deliberate_debt_without_adr(tmp_path: Path, quadrant: str) -> None:
    project(tmp_path, {"0001-a.md": item(1, quadrant=quadrant, adrs=[])})
    assert found(run(tmp_path)) == [("DEBT005", "debt/0001-a.md", 4)]


@pytest.mark.parametrize("quadrant", ["reckless-inadvertent", "prudent-inadvertent"])
def test_debt005_quiet_for_inadvertent_debt(tmp_path: Path, quadrant: str) -> None:
    project(tmp_path, {"0001-a.md": item(1, quadrant=quadrant, adrs=[])})
    assert found(run(tmp_path)) == []


def test_debt006_scheduled_without_release(tmp_path: Path) -> None:
    project(tmp_path, {"0001-a.md": item(1, status="scheduled")})
    assert found(run(tmp_path)) == [("DEBT006", "debt/0001-a.md", 5)]
    project(tmp_path, {"0001-a.md": item(1, status="scheduled", release="2027-Q1")})
    assert found(run(tmp_path)) == []


def test_debt007_repaid_item_referenced_as_open_by_an_accepted_adr(tmp_path: Path) -> None:
    project(tmp_path, {"0001-a.md": item(1, status="repaid")})
    specs = run(tmp_path)
    # ADR-0001 (accepted) references it on line 15 without saying it is repaid; ADR-0002 is only
    # proposed, so its reference is no finding
    assert found(specs) == [("DEBT007", "adrs/0001-keep-one-database.md", 15)]


def test_debt007_quiet_when_the_adr_line_says_repaid_or_the_item_is_open(tmp_path: Path) -> None:
    said = ADR_ACCEPTED.replace("we accept [[DEBT-0001]] for now.",
                                "we accepted [[DEBT-0001]], since repaid in 2.3.")
    project(tmp_path, {"0001-a.md": item(1, status="repaid")},
            adrs={"adrs/0001-keep-one-database.md": said})
    assert found(run(tmp_path)) == []
    project(tmp_path / "open", {"0001-a.md": item(1, status="open")})
    assert found(run(tmp_path / "open")) == []


def test_debt008_open_item_without_estimates(tmp_path: Path) -> None:
    project(tmp_path, {"0001-a.md": item(1, interest=None)})
    specs = run(tmp_path)
    assert found(specs) == [("DEBT008", "debt/0001-a.md", 2)]
    assert "no interest" in specs.findings[0].message
    # accepted debt is kept on purpose: no estimate needed
    project(tmp_path, {"0001-a.md": item(1, interest=None, status="accepted")})
    assert found(run(tmp_path)) == []


@pytest.mark.parametrize("interest,principal", [
    ("200 EUR/month", "3 days"), ("4 hours/sprint", "3 days")])
def test_debt009_units_that_do_not_compare(tmp_path: Path, interest: str, principal: str) -> None:
    project(tmp_path, {"0001-a.md": item(1, interest=interest, principal=principal)})
    assert found(run(tmp_path)) == [("DEBT009", "debt/0001-a.md", 8)]


@pytest.mark.parametrize("interest,principal", [
    ("200 EUR/month", "3000 EUR"), ("1 person-day/week", "2 person-weeks"),
    ({"amount": 3, "unit": "hours/quarter"}, {"amount": 1, "unit": "months"})])
def test_debt009_quiet_for_comparable_units(tmp_path: Path, interest, principal) -> None:
    project(tmp_path, {"0001-a.md": item(1, interest=interest, principal=principal)})
    assert found(run(tmp_path)) == []


def test_debt_references_resolve_from_any_spec(tmp_path: Path) -> None:
    project(tmp_path, {"0001-a.md": item(1, _body="# A\n\nSee [[debt-2]] and [[DEBT-0009]].\n"),
                       "0002-b.md": item(2)})
    specs = run(tmp_path)
    xref = [(f.code, f.line) for f in specs.findings if f.code == "XREF001"]
    assert xref == [("XREF001", 13)]  # DEBT-0009 only; debt-2 normalises to DEBT-0002
