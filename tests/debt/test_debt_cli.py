"""``specsite new debt``, ``schema debt``, ``export`` and ``check --debt`` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from debt_helpers import item, project
from project_fixtures import run_cli

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "plugins/specsite/debt/debt.schema.json"


def test_schema_is_the_committed_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_cli(["schema", "debt"], tmp_path, monkeypatch)
    assert result.code == 0
    assert result.out == SCHEMA_FILE.read_text(encoding="utf-8")
    schema = json.loads(result.out)
    assert schema["properties"]["quadrant"]["enum"] == [
        "reckless-deliberate", "prudent-deliberate", "reckless-inadvertent", "prudent-inadvertent"]


def test_new_debt_writes_the_next_item_with_every_field(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, {"0001-a.md": item(1), "0007-b.md": item(7)})
    result = run_cli(["new", "debt", "Retry logic copied in three services"], tmp_path, monkeypatch)
    assert (result.code, result.out.strip()) == (
        0, "debt/0008-retry-logic-copied-in-three-services.md"), result.err
    text = (tmp_path / result.out.strip()).read_text(encoding="utf-8")
    for key in ("id: DEBT-0008", "title:", "quadrant:", "status:", "elements:", "adrs:",
                "interest:", "principal:", "release:"):
        assert key in text
    check = run_cli(["check", "--format", "json"], tmp_path, monkeypatch)
    findings = [f for f in check.json()["findings"] if f["file"].startswith("debt/0008")]
    assert findings == [] and check.code == 0, check.out


def test_new_debt_refusals_write_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins: [specsite]\n")
    result = run_cli(["new", "debt", "Something"], tmp_path, monkeypatch)
    assert result.code == 2 and "no debt folder" in result.err
    result = run_cli(["new", "debt", "  "], tmp_path, monkeypatch)
    assert result.code == 2 and "title is empty" in result.err
    folder = tmp_path / "debt"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run_cli(["new", "debt", "Something", "--debt", "debt"], tmp_path, monkeypatch)
    finally:
        folder.chmod(0o700)
    assert result.code == 2 and "nothing was written" in result.err
    assert list(folder.iterdir()) == []


def test_export_carries_debt_items_and_the_register(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, {"0001-a.md": item(1, status="scheduled", release="2.4"),
                       "0002-b.md": item(2, interest="1 hours/month")})
    first = run_cli(["export"], tmp_path, monkeypatch)
    assert first.code == 0, first.err
    doc = first.json()
    debt = {e["id"]: e for e in doc["entities"] if e["kind"] == "debt"}
    assert debt["DEBT-0001"]["status"] == "scheduled" and debt["DEBT-0001"]["release"] == "2.4"
    assert debt["DEBT-0001"]["interest"] == {"amount": 4.0, "unit": "hours/month"}
    assert debt["DEBT-0001"]["monthly_share"] == 0.25
    assert {"rel": "c4", "target": "c4:shop.db"} in debt["DEBT-0001"]["links"]
    assert {"rel": "decision", "target": "ADR-0001"} in debt["DEBT-0001"]["links"]
    assert [r["id"] for r in doc["debt"]["register"]] == ["DEBT-0001", "DEBT-0002"]
    assert run_cli(["export"], tmp_path, monkeypatch).out == first.out


def test_debt_flag_checks_a_folder_without_mkdocs_yml(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d/0001-x.md").write_text(item(1, adrs=[], status="scheduled"))
    result = run_cli(["check", "--debt", "d", "--format", "json"], tmp_path, monkeypatch)
    codes = sorted(f["code"] for f in result.json()["findings"])
    assert result.code == 1 and codes == ["DEBT005", "DEBT006"]
