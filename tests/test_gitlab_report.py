"""``specsite check --format gitlab``: a GitLab Code Quality report that parses, is deterministic
and keeps each finding's fingerprint when the finding moves."""

from __future__ import annotations

import json

from project_fixtures import run_cli, write_files
from test_cli import BROKEN

from specsite.core.findings import Finding, Severity
from specsite.reports import ReportContext
from specsite.reports.gitlab import render


def test_code_quality_report(tmp_path, monkeypatch) -> None:
    write_files(tmp_path, BROKEN)
    first = run_cli(["check", "--adrs", "adrs", "--format", "gitlab"], tmp_path, monkeypatch)
    assert first.code == 1
    issues = first.json()
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert set(issue) == {"type", "check_name", "description", "severity", "fingerprint", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"].startswith("adrs/")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    by_code = {i["check_name"]: i for i in issues}
    assert by_code["ADR006"]["severity"] == "critical"
    assert by_code["ADR006"]["location"] == {"path": "adrs/0002-broken.md", "lines": {"begin": 7}}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    second = run_cli(["check", "--adrs", "adrs", "--format", "gitlab"], tmp_path, monkeypatch)
    assert second.out == first.out


def test_fingerprint_survives_a_move(tmp_path, monkeypatch) -> None:
    """Lines added above a finding move it, and GitLab still sees the same finding."""
    write_files(tmp_path, BROKEN)
    before = run_cli(["check", "--adrs", "adrs", "--format", "gitlab"], tmp_path, monkeypatch).json()
    write_files(tmp_path, {"adrs/0002-broken.md": BROKEN["adrs/0002-broken.md"].replace(
        "## Status", "Some context.\n\nMore context.\n\n## Status")})
    after = run_cli(["check", "--adrs", "adrs", "--format", "gitlab"], tmp_path, monkeypatch).json()
    old = {i["check_name"]: i for i in before if i["location"]["path"] == "adrs/0002-broken.md"}
    new = {i["check_name"]: i for i in after if i["location"]["path"] == "adrs/0002-broken.md"}
    assert new["ADR006"]["location"]["lines"]["begin"] == old["ADR006"]["location"]["lines"]["begin"] + 4
    assert new["ADR006"]["fingerprint"] == old["ADR006"]["fingerprint"]


def test_identical_findings_and_project_findings() -> None:
    twice = [Finding("X1", Severity.WARNING, "same", "a.md", 3), Finding("X1", Severity.WARNING, "same", "a.md", 9),
             Finding("X2", Severity.INFO, "no file")]
    issues = json.loads(render(twice, ReportContext()))
    assert len({i["fingerprint"] for i in issues}) == 3
    assert [i["severity"] for i in issues] == ["info", "minor", "minor"]
    assert issues[0]["location"] == {"path": "mkdocs.yml", "lines": {"begin": 1}}
