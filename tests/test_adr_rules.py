"""Every ADR rule: one case that fires it (with file and line) and one that keeps it quiet."""

from __future__ import annotations

import pytest

from project_fixtures import NYGARD_1, run_cli, write_files


def nygard(number: int, title: str = "T", status: str = "Accepted", date: str = "2024-01-01",
           extra: str = "", sections: bool = True) -> str:
    body = "## Decision\n\nD.\n\n## Consequences\n\nC.\n" if sections else "## Context\n\nX.\n"
    date_line = f"Date: {date}\n\n" if date else ""
    status_block = f"## Status\n\n{status}\n{extra}\n" if status is not None else ""
    return f"# {number}. {title}\n\n{date_line}{status_block}{body}"


CASES = {
    "ADR001": (
        {"adrs/0001-a.md": nygard(1), "adrs/0001-b.md": nygard(1)},
        {"adrs/0001-a.md": nygard(1), "adrs/0002-b.md": nygard(2)},
        ("adrs/0001-b.md", 1),
    ),
    "ADR002": (
        {"adrs/0001-a.md": "Date: 2024-01-01\n\n## Status\n\nAccepted\n"},
        {"adrs/0001-a.md": nygard(1)},
        ("adrs/0001-a.md", 1),
    ),
    "ADR003": (
        {"adrs/0001-a.md": nygard(1, status=None)},
        {"adrs/0001-a.md": nygard(1)},
        ("adrs/0001-a.md", 1),
    ),
    "ADR004": (
        {"adrs/0001-a.md": nygard(1, date="")},
        {"adrs/0001-a.md": nygard(1)},
        ("adrs/0001-a.md", 1),
    ),
    "ADR005": (
        {"adrs/0001-a.md": nygard(1, status="On hold")},
        {"adrs/0001-a.md": nygard(1, status="Proposed")},
        ("adrs/0001-a.md", 7),
    ),
    "ADR006": (
        {"adrs/0001-a.md": nygard(1, status="Superseded")},
        {"adrs/0001-a.md": nygard(1, status="Superseded by [2. B](0002-b.md)"),
         "adrs/0002-b.md": nygard(2, extra="\nSupersedes [1. A](0001-a.md)\n")},
        ("adrs/0001-a.md", 7),
    ),
    "ADR007": (
        {"adrs/0001-a.md": nygard(1, extra="\nAmended by [9. Nine](0009-nine.md)\n")},
        {"adrs/0001-a.md": nygard(1, extra="\nAmended by [2. B](0002-b.md)\n"),
         "adrs/0002-b.md": nygard(2, extra="\nAmends [1. A](0001-a.md)\n")},
        ("adrs/0001-a.md", 9),
    ),
    "ADR008": (
        {"adrs/0001-a.md": nygard(1),
         "adrs/0002-b.md": nygard(2, extra="\nAmends [1. A](0001-a.md)\n")},
        {"adrs/0001-a.md": nygard(1, extra="\nAmended by [2. B](0002-b.md)\n"),
         "adrs/0002-b.md": nygard(2, extra="\nAmends [1. A](0001-a.md)\n")},
        ("adrs/0002-b.md", 9),
    ),
    "ADR009": (
        {"adrs/0001-a.md": nygard(1, status="Superseded by [2. B](0002-b.md)",
                                  extra="\nSupersedes [2. B](0002-b.md)\n"),
         "adrs/0002-b.md": nygard(2, status="Superseded by [1. A](0001-a.md)",
                                  extra="\nSupersedes [1. A](0001-a.md)\n")},
        {"adrs/0001-a.md": nygard(1, status="Superseded by [2. B](0002-b.md)"),
         "adrs/0002-b.md": nygard(2, extra="\nSupersedes [1. A](0001-a.md)\n")},
        ("adrs/0001-a.md", 7),
    ),
    "ADR010": (
        {"adrs/0001-a.md": nygard(2)},
        {"adrs/0001-a.md": nygard(1)},
        ("adrs/0001-a.md", 1),
    ),
    "ADR011": (
        {"adrs/0001-a.md": nygard(1, sections=False)},
        {"adrs/0001-a.md": nygard(1, status="Proposed", sections=False)},
        ("adrs/0001-a.md", 1),
    ),
    "ADR012": (
        {"adrs/0001-a.md": nygard(1, date="12/01/2024")},
        {"adrs/0001-a.md": nygard(1, date="2024-01-12")},
        ("adrs/0001-a.md", 3),
    ),
    "ADR013": (
        {"adrs/0001-a.md": nygard(1, status="Superceded by [2. B](0002-b.md)",
                                  extra="\nSuperseded by [3. C](0003-c.md)\n"),
         "adrs/0002-b.md": nygard(2, extra="\nSupercedes [1. A](0001-a.md)\n"),
         "adrs/0003-c.md": nygard(3, extra="\nSupersedes [1. A](0001-a.md)\n")},
        {"adrs/0001-a.md": nygard(1, status="Superceded by [2. B](0002-b.md)",
                                  extra="\nSuperseded by [2. B](0002-b.md)\n"),
         "adrs/0002-b.md": nygard(2, extra="\nSupercedes [1. A](0001-a.md)\n"),
         "adrs/0003-c.md": nygard(3, extra="\nAmends [2. B](0002-b.md)\n")},
        ("adrs/0001-a.md", 7),
    ),
}


def _check(tmp_path, monkeypatch, files, extra_args=()):
    write_files(tmp_path, files)
    result = run_cli(["check", "--adrs", "adrs", "--format", "json", *extra_args], tmp_path, monkeypatch)
    return result, result.json()["findings"]


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_with_file_and_line(code, tmp_path, monkeypatch):
    firing, _, (file, line) = CASES[code]
    result, findings = _check(tmp_path, monkeypatch, firing)
    hits = [f for f in findings if f["code"] == code]
    assert hits, f"{code} did not fire: {findings}"
    assert (hits[0]["file"], hits[0]["line"]) == (file, line)
    assert hits[0]["message"]
    errors = any(f["severity"] == "error" for f in findings)
    assert result.code == (1 if errors else 0)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_stays_quiet(code, tmp_path, monkeypatch):
    _, quiet, _ = CASES[code]
    result, findings = _check(tmp_path, monkeypatch, quiet)
    assert [f for f in findings if f["code"] == code] == []


def test_all_findings_are_collected_not_just_the_first(tmp_path, monkeypatch):
    files = {"adrs/0001-a.md": nygard(2, status="On hold", date="yesterday"),
             "adrs/0003-c.md": nygard(3, status="Superseded")}
    _, findings = _check(tmp_path, monkeypatch, files)
    assert {f["code"] for f in findings} >= {"ADR005", "ADR010", "ADR012", "ADR006"}


def test_custom_status_declared_in_config_is_not_a_finding(tmp_path, monkeypatch):
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\nplugins:\n  - specsite:\n      adrs: adrs\n      adr_statuses: [On hold]\n",
        "adrs/0001-a.md": nygard(1, status="On hold"),
    })
    result = run_cli(["check", "--format", "json"], tmp_path, monkeypatch)
    assert result.json()["findings"] == []


def test_rule_severity_override_and_off(tmp_path, monkeypatch):
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\nplugins:\n  - specsite:\n      adrs: adrs\n"
                      "      rules: {ADR004: error, ADR003: 'off'}\n",
        "adrs/0001-a.md": nygard(1, date="", status=None),
    })
    result = run_cli(["check", "--format", "json"], tmp_path, monkeypatch)
    findings = result.json()["findings"]
    assert [(f["code"], f["severity"]) for f in findings] == [("ADR004", "error")]
    assert result.code == 1


def test_unknown_reference_in_adr_body_is_an_error_at_its_line(tmp_path, monkeypatch):
    files = {"adrs/0001-a.md": NYGARD_1 + "\nSee [[ADR-0042]] and `[[ADR-0043]]`.\n"}
    result, findings = _check(tmp_path, monkeypatch, files)
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("XREF001", 21, 5)]
    assert result.code == 1
