"""The CLI contract: exit codes, every output format (parsed back), config errors, no writes."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

from project_fixtures import NYGARD_1, run_cli, write_files

BROKEN = {
    "adrs/0001-record.md": NYGARD_1,
    "adrs/0002-broken.md": "# 3. Broken\n\nDate: 2024-01-01\n\n## Status\n\nSuperseded\n\n"
                           "## Decision\n\nx\n\n## Consequences\n\ny\n",
    "adrs/0003-warn.md": "# 3. Warn\n\n## Status\n\nProposed\n",
}


def _snapshot(root: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime_ns for p in root.rglob("*")}


def test_exit_0_on_clean_project_and_reads_mkdocs_yml(adr_project, monkeypatch):
    result = run_cli(["check"], adr_project, monkeypatch)
    assert result.code == 0, result.out
    assert "0 error(s)" in result.out


def test_exit_1_names_file_and_line(tmp_path, monkeypatch):
    write_files(tmp_path, BROKEN)
    result = run_cli(["check", "--adrs", "adrs"], tmp_path, monkeypatch)
    assert result.code == 1
    assert "adrs/0002-broken.md:1: error ADR010" in result.out
    assert "adrs/0002-broken.md:7: error ADR006" in result.out
    # both 0002 and 0003 claim number 3 in headings, but file numbers differ: no duplicate
    assert "ADR001" not in result.out


def test_exit_2_on_usage_and_configuration_problems(tmp_path, monkeypatch):
    assert run_cli(["check", "--format", "yaml"], tmp_path, monkeypatch).code == 2
    assert run_cli(["frobnicate"], tmp_path, monkeypatch).code == 2
    missing = run_cli(["check", "-f", "nope.yml"], tmp_path, monkeypatch)
    assert missing.code == 2 and "does not exist" in missing.err
    write_files(tmp_path, {"mkdocs.yml": "site_name: t\nplugins:\n  - specsite:\n      adr: adrs\n"})
    bad = run_cli(["check"], tmp_path, monkeypatch)
    assert bad.code == 2
    assert "mkdocs.yml: plugins.specsite: option 'adr': unknown option" in bad.err
    assert "Traceback" not in bad.err
    write_files(tmp_path, {"mkdocs.yml": "site_name: t\nplugins:\n  - specsite:\n      rules: {NOPE1: error}\n"})
    bad_rule = run_cli(["check"], tmp_path, monkeypatch)
    assert bad_rule.code == 2 and "unknown rule code(s) NOPE1" in bad_rule.err
    write_files(tmp_path, {"mkdocs.yml": "site_name: t\nplugins:\n  - specsite:\n      rules: {ADR001: fatal}\n"})
    assert run_cli(["check"], tmp_path, monkeypatch).code == 2


def test_mkdocs_yml_with_custom_tags_is_read(tmp_path, monkeypatch):
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: !ENV [SITE, t]\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
                      "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                      "plugins:\n  - specsite:\n      adrs: adrs\n",
        **BROKEN,
    })
    assert run_cli(["check"], tmp_path, monkeypatch).code == 1


def test_json_format(tmp_path, monkeypatch):
    write_files(tmp_path, BROKEN)
    doc = run_cli(["check", "--adrs", "adrs", "--format", "json"], tmp_path, monkeypatch).json()
    assert doc["version"] == 1
    assert doc["summary"]["error"] == 2 and doc["summary"]["files"] == 3
    first = doc["findings"][0]
    assert set(first) == {"code", "severity", "message", "file", "line", "column", "entity"}


def test_github_format_escapes_and_caps(tmp_path, monkeypatch):
    files = {f"adrs/{n:04d}-x.md": f"# {n}. X\n\n## Status\n\nWeird, odd\n" for n in range(1, 15)}
    write_files(tmp_path, files)
    out = run_cli(["check", "--adrs", "adrs", "--format", "github"], tmp_path, monkeypatch).out
    lines = out.strip().splitlines()
    warnings = [l for l in lines if l.startswith("::warning ")]
    assert len(warnings) == 10  # GitHub's per-level cap
    assert lines[-1].startswith("::notice title=specsite::")
    assert "more finding(s)" in lines[-1]
    assert warnings[0].startswith("::warning file=adrs/0001-x.md,line=")
    assert ",title=ADR00" in warnings[0]
    assert "weird%2C odd" not in warnings[0]  # commas escaped only in properties, not the message


def test_sarif_format_is_valid_2_1_0(tmp_path, monkeypatch):
    write_files(tmp_path, BROKEN)
    doc = run_cli(["check", "--adrs", "adrs", "--format", "sarif"], tmp_path, monkeypatch).json()
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "ADR006" in ids and ids == sorted(ids)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].startswith("adrs/")
        assert loc["region"]["startLine"] >= 1


def test_junit_format_one_case_per_file(tmp_path, monkeypatch):
    write_files(tmp_path, BROKEN)
    out = run_cli(["check", "--adrs", "adrs", "--format", "junit"], tmp_path, monkeypatch).out
    root = ET.fromstring(out)
    cases = root.findall("./testsuite/testcase")
    names = [c.get("name") for c in cases]
    assert names == ["adrs/0001-record.md", "adrs/0002-broken.md", "adrs/0003-warn.md"]
    failures = {c.get("name"): [f.get("type") for f in c.findall("failure")] for c in cases}
    assert failures["adrs/0001-record.md"] == []
    assert sorted(failures["adrs/0002-broken.md"]) == ["ADR006", "ADR010"]
    assert root.get("failures") == "1"
    assert "ADR004" in cases[2].find("system-out").text


def test_markdown_and_text_formats(tmp_path, monkeypatch):
    write_files(tmp_path, BROKEN)
    md = run_cli(["check", "--adrs", "adrs", "--format", "markdown"], tmp_path, monkeypatch).out
    assert "| ❌ | `ADR006` | `adrs/0002-broken.md:7` |" in md
    text = run_cli(["check", "--adrs", "adrs"], tmp_path, monkeypatch).out
    assert text.strip().endswith("2 error(s), 1 warning(s), 0 info in 3 file(s)")


def test_output_file_and_no_other_writes(adr_project, monkeypatch, tmp_path_factory):
    before = _snapshot(adr_project)
    report = tmp_path_factory.mktemp("out") / "report.sarif"
    result = run_cli(["check", "--format", "sarif", "--output", str(report)], adr_project, monkeypatch)
    assert result.code == 0 and result.out == ""
    assert json.loads(report.read_text())["version"] == "2.1.0"
    run_cli(["export"], adr_project, monkeypatch)
    assert _snapshot(adr_project) == before


def test_export_schema_and_determinism(adr_project, monkeypatch):
    first = run_cli(["export"], adr_project, monkeypatch)
    second = run_cli(["export"], adr_project, monkeypatch)
    assert first.out == second.out
    doc = first.json()
    assert set(doc) >= {"version", "entities", "findings"}
    by_id = {e["id"]: e for e in doc["entities"]}
    adr = by_id["ADR-0003"]
    assert {"id", "kind", "title", "status", "file", "line", "links"} <= set(adr)
    assert adr["kind"] == "adr" and adr["file"] == "adrs/0003-use-cockroachdb.md"
    assert {"rel": "supersedes", "target": "ADR-0002"} in adr["links"]
    assert {"rel": "references", "target": "ADR-0001"} in adr["links"]
    assert by_id["page:index.md"]["links"] == [{"rel": "references", "target": "ADR-0003"}]


def test_works_without_mkdocs_yml_and_with_folders_outside_cwd(tmp_path, monkeypatch):
    write_files(tmp_path, {"team/adrs/0001-record.md": NYGARD_1, "work/.keep": ""})
    result = run_cli(["check", "--adrs", "../team/adrs", "--format", "json"], tmp_path / "work", monkeypatch)
    assert result.code == 0
    assert result.json()["summary"]["files"] == 1


def test_config_folder_outside_project_is_refused(tmp_path, monkeypatch):
    write_files(tmp_path, {
        "outside/0001-record.md": NYGARD_1,
        "proj/mkdocs.yml": "site_name: t\nplugins:\n  - specsite:\n      adrs: ../outside\n",
        "proj/docs/index.md": "# Home\n",
    })
    os.symlink(tmp_path / "outside", tmp_path / "proj" / "linked")
    result = run_cli(["check", "--format", "json"], tmp_path / "proj", monkeypatch)
    assert result.code == 1
    assert [f["code"] for f in result.json()["findings"]] == ["SPEC004"]
    write_files(tmp_path, {"proj/mkdocs.yml": "site_name: t\nplugins:\n  - specsite:\n      adrs: linked\n"})
    result = run_cli(["check", "--format", "json"], tmp_path / "proj", monkeypatch)
    assert [f["code"] for f in result.json()["findings"]] == ["SPEC004"]


def test_rules_command_lists_every_code(tmp_path, monkeypatch):
    out = run_cli(["rules", "--format", "json"], tmp_path, monkeypatch).json()
    codes = [r["code"] for r in out]
    assert "ADR001" in codes and "XREF001" in codes and codes == sorted(codes)


def test_deliberately_broken_fixture_fails_with_file_and_line(monkeypatch):
    from project_fixtures import REPO

    result = run_cli(["check", "--adrs", "broken-adrs"], REPO / "tests" / "fixtures", monkeypatch)
    assert result.code == 1
    lines = result.out.splitlines()
    expected = [
        "broken-adrs/0001-use-kafka.md:7: error ADR006",
        "broken-adrs/0002-use-rabbitmq.md:1: error ADR010",
        "broken-adrs/0002-use-rabbitmq.md:1: warning ADR011",
        "broken-adrs/0002-use-rabbitmq.md:3: warning ADR012",
        "broken-adrs/0002-use-rabbitmq.md:9: warning ADR008",
        "broken-adrs/0002-use-rabbitmq.md:11: error ADR007",
        "broken-adrs/0002-use-rabbitmq.md:15:33: error XREF001",
    ]
    for prefix in expected:
        assert any(line.startswith(prefix) for line in lines), (prefix, result.out)


def test_paths_on_the_command_line_are_the_whole_spec_set(adr_project, monkeypatch):
    """Run from a configured repository, --adrs checks exactly that folder: the configured
    folders and the docs pages (which reference them) are not read; other options still apply."""
    write_files(adr_project, {
        "other/0001-x.md": "# 1. X\n\n## Status\n\nProposed\n",
        "mkdocs.yml": MKDOCS_WITH_RULES,
    })
    result = run_cli(["check", "--adrs", "other", "--format", "json"], adr_project, monkeypatch)
    findings = result.json()["findings"]
    assert [(f["code"], f["severity"], f["file"]) for f in findings] == [("ADR004", "error", "other/0001-x.md")]
    ids = {e["id"] for e in run_cli(["export", "--adrs", "other"], adr_project, monkeypatch).json()["entities"]}
    assert ids == {"ADR-0001"}  # no page:index.md, no configured ADRs


MKDOCS_WITH_RULES = """
site_name: t
plugins:
  - specsite:
      adrs: adrs
      rules: {ADR004: error}
"""
