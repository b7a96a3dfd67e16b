"""Bad files are findings with file and line, never tracebacks; the others are still read."""

from __future__ import annotations

from project_fixtures import NYGARD_1, run_cli, write_files


def test_bad_files_become_findings(tmp_path, monkeypatch):
    write_files(tmp_path, {
        "adrs/0001-good.md": NYGARD_1,
        "adrs/0002-binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "adrs/0003-empty.md": b"",
        "adrs/0004-latin1.md": "# 4. Caf\xe9\n\nDate: 2024-01-01\n".encode("latin-1"),
        "adrs/0005-broken-yaml.md": "---\nstatus: [accepted\ndate: 2024-01-01\n---\n# Broken\n",
        "adrs/0006-list-yaml.md": "---\n- a\n- b\n---\n# List\n",
        "adrs/0007-unclosed.md": "---\nstatus: accepted\n# Unclosed\n",
        "adrs/0008-dup-key.md": "---\nstatus: accepted\nstatus: rejected\n---\n# Dup\n",
        "adrs/0009-bad-date.md": "---\nstatus: accepted\ndate: 2027-13-45\n---\n# Bad date\n",
    })
    result = run_cli(["check", "--adrs", "adrs", "--format", "json"], tmp_path, monkeypatch)
    assert result.code == 1
    assert "Traceback" not in result.err
    found = {(f["file"].split("/")[-1], f["code"], f["line"]) for f in result.json()["findings"]}
    assert ("0002-binary.md", "SPEC001", 1) in found
    assert ("0003-empty.md", "SPEC002", 1) in found
    assert ("0004-latin1.md", "SPEC001", 1) in found
    assert ("0006-list-yaml.md", "SPEC003", 2) in found
    assert ("0007-unclosed.md", "SPEC003", 1) in found
    broken = [f for f in result.json()["findings"] if f["file"].endswith("0005-broken-yaml.md")
              and f["code"] == "SPEC003"]
    assert broken and broken[0]["line"] in (3, 4) and "malformed front matter" in broken[0]["message"]
    dup = [f for f in result.json()["findings"] if f["file"].endswith("0008-dup-key.md")]
    assert dup[0]["code"] == "SPEC003" and dup[0]["line"] == 3
    assert ("0009-bad-date.md", "SPEC003", 3) in found
    # the good decision is still read
    export = run_cli(["export", "--adrs", "adrs"], tmp_path, monkeypatch).json()
    assert "ADR-0001" in {e["id"] for e in export["entities"]}


def test_missing_folder_is_a_finding(tmp_path, monkeypatch):
    write_files(tmp_path, {"mkdocs.yml": "site_name: t\nplugins:\n  - specsite:\n      adrs: nowhere\n"})
    result = run_cli(["check", "--format", "json"], tmp_path, monkeypatch)
    assert result.code == 1
    assert [(f["code"], f["file"]) for f in result.json()["findings"]] == [("SPEC005", "nowhere")]


def test_crlf_and_bom_files_are_read(tmp_path, monkeypatch):
    text = "\ufeff" + NYGARD_1.lstrip("\n").replace("\n", "\r\n")
    write_files(tmp_path, {"adrs/0001-crlf.md": text.encode("utf-8")})
    result = run_cli(["export", "--adrs", "adrs"], tmp_path, monkeypatch)
    entity = result.json()["entities"][0]
    assert (entity["title"], entity["status"], entity["date"]) == (
        "Record architecture decisions", "accepted", "2024-01-10")


def test_pathological_nesting_is_a_finding_not_a_crash(tmp_path, monkeypatch):
    """libyaml recurses in C and would kill the process: nesting over limits.max_nesting is
    refused before it is parsed."""
    deep = "[" * 60000 + "]" * 60000
    write_files(tmp_path, {
        "apis/deep-yaml.yaml": f"openapi: 3.0.0\ninfo: {deep}\n",
        "apis/deep-json.json": '{"openapi": "3.0.0", "info": ' + deep + "}",
        "prds/0001-deep.md": f"---\nid: PRD-0001\ntitle: {deep}\n---\n# Deep\n",
        "adrs/0001-deep.md": f"---\nstatus: {deep}\n---\n# Deep\n",
    })
    result = run_cli(["check", "--adrs", "adrs", "--prds", "prds", "--openapi", "apis",
                      "--format", "json"], tmp_path, monkeypatch)
    assert result.code == 1
    found = {(f["file"], f["code"]) for f in result.json()["findings"]}
    assert {("apis/deep-yaml.yaml", "SPEC006"), ("apis/deep-json.json", "SPEC006"),
            ("prds/0001-deep.md", "SPEC006"), ("adrs/0001-deep.md", "SPEC006")} <= found


def test_mkdocs_yml_nested_too_deeply_is_a_usage_error(tmp_path, monkeypatch):
    write_files(tmp_path, {"mkdocs.yml": "site_name: " + "[" * 60000 + "]" * 60000 + "\n"})
    result = run_cli(["check"], tmp_path, monkeypatch)
    assert result.code == 2 and "nested too deeply" in result.err


def test_deeply_nested_dsl_blocks_are_a_finding(tmp_path, monkeypatch):
    dsl = ("workspace {\nmodel {\n" + 'group "g" {\n' * 5000 + 'a = person "A" "d"\n'
           + "}\n" * 5000 + "}\n}\n")
    write_files(tmp_path, {"deep.dsl": dsl})
    result = run_cli(["check", "--c4", "deep.dsl", "--format", "json"], tmp_path, monkeypatch)
    assert result.code == 1
    assert [(f["code"], f["line"]) for f in result.json()["findings"]] == [("C4001", 101)]
