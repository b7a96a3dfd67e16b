"""The CLI over runbooks: ``new runbook``, ``schema runbook``, ``check --as-of``, ``--runbooks``
and ``export``."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML
from runbook_helpers import load, project, runbook

from project_fixtures import run_cli
from specsite.runbook.model import json_schema

REPO = Path(__file__).resolve().parents[2]
SCHEMA_FILE = REPO / "plugins" / "specsite" / "runbook" / "runbook.schema.json"


def front_matter(path: Path) -> dict:
    """The front matter as an editor's YAML 1.2 language server sees it: dates are strings."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8").split("---\n")[1])
    return json.loads(json.dumps(data, default=str))


def test_new_runbook_writes_the_next_number_with_every_field(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    result = run_cli(["new", "runbook", "Database: disk full", "--owner", "team-data",
                      "--last-reviewed", "2026-06-01"], root, monkeypatch)
    assert result.code == 0, result.err
    created = root / result.out.strip()
    assert result.out.strip() == "runbooks/0002-database-disk-full.md"
    data = front_matter(created)
    assert set(data) == set(json.loads(json_schema())["properties"])
    assert (data["id"], data["title"], data["owner"], data["last_reviewed"]) == (
        "RB-0002", "Database: disk full", "team-data", "2026-06-01")
    # the template's empty service is the only thing to fill in before it passes
    found = [f for f in load(root).findings if f.file == result.out.strip()]
    assert [(f.code, f.line) for f in found] == [("RB001", 5)]
    text = created.read_text().replace("service: []", "service: [shop.db]")
    created.write_text(text)
    jsonschema.validate(front_matter(created), json.loads(json_schema()))
    assert not [f for f in load(root).findings if f.file == result.out.strip()]


def test_new_runbook_refusals_write_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    assert run_cli(["new", "runbook", "  "], root, monkeypatch).code == 2
    bad = run_cli(["new", "runbook", "X", "--last-reviewed", "yesterday"], root, monkeypatch)
    assert bad.code == 2 and "--last-reviewed yesterday: not a date" in bad.err
    folder = root / "runbooks"
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        refused = run_cli(["new", "runbook", "Read only"], root, monkeypatch)
        assert refused.code == 2 and "nothing was written" in refused.err
    finally:
        folder.chmod(stat.S_IRWXU)
    assert sorted(p.name for p in folder.iterdir()) == ["0001-api-slow.md"]


def test_new_runbook_needs_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text().replace(
        "      runbooks: runbooks\n", ""))
    result = run_cli(["new", "runbook", "X"], root, monkeypatch)
    assert result.code == 2 and "no runbook folder" in result.err
    made = run_cli(["new", "runbook", "X", "--runbooks", "ops"], root, monkeypatch)
    assert made.code == 0 and made.out.strip() == "ops/0001-x.md"


def test_committed_schema_is_current_and_accepts_the_example_runbooks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_cli(["schema", "runbook"], tmp_path, monkeypatch)
    assert result.code == 0 and result.out == json_schema()
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema(), \
        "run: specsite schema runbook > plugins/specsite/runbook/runbook.schema.json"
    schema = json.loads(json_schema())
    examples = sorted((REPO / "examples" / "webshop" / "runbooks").glob("*.md"))
    assert len(examples) == 2
    for path in examples:
        jsonschema.validate(front_matter(path), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**front_matter(examples[0]), "severity": "sev9"}, schema)


def test_check_as_of(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    quiet = run_cli(["check", "--format", "json"], root, monkeypatch)
    assert "RB008" not in quiet.out
    late = run_cli(["check", "--format", "json", "--as-of", "2027-01-01"], root, monkeypatch)
    assert [f["line"] for f in json.loads(late.out)["findings"] if f["code"] == "RB008"] == [9]
    bad = run_cli(["check", "--as-of", "2027-13-01"], root, monkeypatch)
    assert bad.code == 2 and "--as-of 2027-13-01: not a date" in bad.err
    # the configured date is used when the flag is not given
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "      as_of: 2027-01-01\n")
    assert "RB008" in run_cli(["check", "--format", "json"], root, monkeypatch).out


def test_runbooks_flag_checks_a_folder_without_mkdocs_yml(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path, {"0001-api-slow.md": runbook(extra="colour: red")})
    (root / "mkdocs.yml").unlink()
    result = run_cli(["check", "--runbooks", "runbooks", "--format", "json"], root, monkeypatch)
    found = [(f["code"], f["line"]) for f in json.loads(result.out)["findings"]]
    # only the runbooks are read: the [[ADR-0001]] of the steps is unknown without --adrs
    assert result.code == 1 and found == [("RB001", 11), ("XREF001", 15)]


def test_export_carries_runbooks_deterministically(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    first = run_cli(["export"], root, monkeypatch)
    assert first.out == run_cli(["export"], root, monkeypatch).out
    entity = next(e for e in first.json()["entities"] if e["id"] == "RB-0001")
    assert entity == {
        "id": "RB-0001", "kind": "runbook", "title": "API is slow", "status": None,
        "file": "runbooks/0001-api-slow.md", "line": 2,
        "links": [{"rel": "service", "target": "c4:shop.api"},
                  {"rel": "protects", "target": "PRD-0001.NFR1"},
                  {"rel": "references", "target": "ADR-0001"}],
        "page": "runbooks/RB-0001.md", "hash": entity["hash"],
        "last_reviewed": "2026-06-01", "next_review": "2026-08-30", "owner": "team-shop",
        "review_every": 90, "service": ["c4:shop.api"], "severity": "sev2",
        "slo": ["PRD-0001.NFR1"], "triggers": ["ApiLatencyHigh"]}
